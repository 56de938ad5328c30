import { composeCreditCode, Role } from '@sme/kernel';
import { errorCode, tokenFor, type GraphQLResult } from '@sme/testing';
import { startRegistry, REGISTER } from './start-registry';

let registry: Awaited<ReturnType<typeof startRegistry>>;
let admin: string;

interface Registered { id: string; creditCode: string; name: string; regionCode: string; legalForm: string }
const catalogue: Registered[] = [];

let serial = 0;
const newCode = () => composeCreditCode('9', '1', '140105', `MA0T${String(4000 + serial++).padStart(4, '0')}`);

async function register(name: string, regionCode: string, legalForm = 'ENTERPRISE'): Promise<Registered> {
  const creditCode = newCode();
  const result = await registry.query(REGISTER, { input: { creditCode, name, legalForm, regionCode, establishedOn: '2015-06-01' } }, admin);
  expect(result.errors).toBeUndefined();
  return { id: result.data.registerInstitution.id, creditCode, name: result.data.registerInstitution.name, regionCode, legalForm };
}

/** A known set: Shanxi (Taiyuan counties, 综改区 reporting to the province, 大同), Hebei (定州 province-administered, 石家庄), Shandong. */
const SEED: [name: string, region: string, form?: string][] = [
  ['太原小店科技服务有限公司', '140105'],
  ['太原小店百分之百%服务中心', '140105', 'PUBLIC_INSTITUTION'],
  ['太原小店百分之百服务中心', '140105'],
  ['太原迎泽下划线_服务有限公司', '140106'],
  ['太原迎泽下划线X服务有限公司', '140106', 'SOCIAL_ORGANIZATION'],
  ['山西综改区ABC服务有限公司', '140171'],
  ['大同云冈检测服务有限公司', '140214', 'PUBLIC_INSTITUTION'],
  ['定州市公共服务有限公司', '130682'],
  ['石家庄长安咨询有限公司', '130102', 'PRIVATE_NON_ENTERPRISE'],
  ['济南历下服务有限公司', '370102'],
  // same name five times: the id breaks the tie, also across a page boundary
  ['同名服务中心', '140105'],
  ['同名服务中心', '140106'],
  ['同名服务中心', '140214'],
  ['同名服务中心', '130682'],
  ['同名服务中心', '370102'],
];

beforeAll(async () => {
  registry = await startRegistry();
  admin = await tokenFor(Role.ADMIN);
  for (const [name, region, form] of SEED) catalogue.push(await register(name, region, form));
});
afterAll(() => registry.stop());

const LIST = `query List($filter: InstitutionFilter, $first: Int, $after: String) {
  institutions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name legalForm region { code } } }
  }
}`;

/** Follows endCursor until hasNextPage is false; checks every page's size and totalCount on the way. */
async function walk(filter: Record<string, unknown> | null, first: number): Promise<{ ids: string[]; totalCount: number; pages: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let pages = 0;
  for (;;) {
    const result: GraphQLResult = await registry.query(LIST, { filter, first, after });
    expect(result.errors).toBeUndefined();
    const connection = result.data.institutions;
    if (totalCount === -1) totalCount = connection.totalCount;
    expect(connection.totalCount).toBe(totalCount);
    pages++;
    ids.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!connection.pageInfo.hasNextPage) {
      expect(connection.edges.length).toBeLessThanOrEqual(first);
      break;
    }
    expect(connection.edges).toHaveLength(first);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1).cursor);
    after = connection.pageInfo.endCursor;
    if (pages > 200) throw new Error('pagination does not end');
  }
  return { ids, totalCount, pages };
}

/** The oracle: the same rows sorted by PostgreSQL itself, by name then id, with a plain query. */
async function sortedIds(where = 'true', params: unknown[] = []): Promise<string[]> {
  const rows: { id: string }[] = await registry.orm.em.fork().execute(`select id from registry.institutions where ${where} order by name, id`, params);
  return rows.map((r) => r.id);
}

const idsOf = (pred: (r: Registered) => boolean) => catalogue.filter(pred).map((r) => r.id).sort();

describe('institution(id:, creditCode:)', () => {
  const ONE = `query One($id: ID, $creditCode: CreditCode) { institution(id: $id, creditCode: $creditCode) { id creditCode name legalForm establishedOn region { code name } } }`;

  it('finds an institution by id and by credit code', async () => {
    const target = catalogue[6];
    const byId = await registry.query(ONE, { id: target.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.institution).toEqual({ id: target.id, creditCode: target.creditCode, name: target.name, legalForm: 'PUBLIC_INSTITUTION', establishedOn: '2015-06-01', region: { code: '140214', name: '云冈区' } });
    const byCode = await registry.query(ONE, { creditCode: target.creditCode });
    expect(byCode.data.institution).toEqual(byId.data.institution);
  });

  it('answers null for an unknown id, a malformed id and an unknown (valid) credit code', async () => {
    for (const variables of [{ id: '00000000-0000-4000-8000-000000000000' }, { id: 'nope' }, { id: '-'.repeat(36) }, { creditCode: newCode() }]) {
      const result = await registry.query(ONE, variables);
      expect(result.errors).toBeUndefined();
      expect(result.data.institution).toBeNull();
    }
  });

  it.each([
    ['both id and creditCode', () => ({ id: catalogue[0].id, creditCode: catalogue[0].creditCode })],
    ['neither', () => ({})],
  ])('refuses %s with BAD_USER_INPUT', async (_label, variables) => {
    const result = await registry.query(ONE, variables());
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions.reason).toBe('ONE_OF');
  });

  it('refuses an invalid credit code with INVALID_CREDIT_CODE', async () => {
    expect(errorCode(await registry.query(ONE, { creditCode: '91350100M000100Y4Z' }))).toBe('INVALID_CREDIT_CODE');
  });
});

describe('institutions: filters', () => {
  const list = async (filter: Record<string, unknown>) => {
    const result = await registry.query(LIST, { filter, first: 100 });
    expect(result.errors).toBeUndefined();
    const ids = result.data.institutions.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(result.data.institutions.totalCount).toBe(ids.length);
    return ids.sort();
  };

  it('regionCode takes the whole subtree of a province', async () => {
    expect(await list({ regionCode: '140000' })).toEqual(idsOf((r) => r.regionCode.startsWith('14')));
    expect(await list({ regionCode: '130000' })).toEqual(idsOf((r) => r.regionCode.startsWith('13')));
  });

  it('regionCode of a city takes its counties but not the city-acting unit that reports to the province', async () => {
    const taiyuan = await list({ regionCode: '140100' });
    expect(taiyuan).toEqual(idsOf((r) => ['140105', '140106'].includes(r.regionCode)));
    expect(taiyuan).not.toContain(catalogue.find((r) => r.regionCode === '140171')!.id);
    expect(await list({ regionCode: '130600' })).toEqual([]); // 定州 130682 recommends to the province, not to 保定
    expect(await list({ regionCode: '140171' })).toEqual(idsOf((r) => r.regionCode === '140171'));
    expect(await list({ regionCode: '140105' })).toEqual(idsOf((r) => r.regionCode === '140105'));
  });

  it('refuses an unknown regionCode', async () => {
    const result = await registry.query(LIST, { filter: { regionCode: '149999' } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions.reason).toBe('UNKNOWN_REGION');
  });

  it('legalForm', async () => {
    expect(await list({ legalForm: 'PUBLIC_INSTITUTION' })).toEqual(idsOf((r) => r.legalForm === 'PUBLIC_INSTITUTION'));
    expect(await list({ legalForm: 'OTHER' })).toEqual([]);
    expect(await list({ legalForm: 'ENTERPRISE', regionCode: '140100' })).toEqual(idsOf((r) => r.legalForm === 'ENTERPRISE' && r.regionCode.startsWith('1401') && r.regionCode !== '140171'));
  });

  it('nameContains treats % and _ literally and ignores case', async () => {
    expect(await list({ nameContains: '百%' })).toEqual(idsOf((r) => r.name.includes('百%')));
    expect(await list({ nameContains: '百%' })).toHaveLength(1);
    expect(await list({ nameContains: '%' })).toHaveLength(1);
    expect(await list({ nameContains: '线_' })).toEqual(idsOf((r) => r.name.includes('线_')));
    expect(await list({ nameContains: '线_' })).toHaveLength(1);
    expect(await list({ nameContains: 'abc' })).toEqual(idsOf((r) => r.name.includes('ABC')));
    expect(await list({ nameContains: '百分之百' })).toHaveLength(2);
    expect(await list({ nameContains: '\\' })).toEqual([]);
  });

  it('ids (unknown and malformed ids match nothing)', async () => {
    const wanted = [catalogue[0].id, catalogue[8].id];
    expect(await list({ ids: [...wanted, '00000000-0000-4000-8000-000000000000', 'nope'] })).toEqual([...wanted].sort());
    expect(await list({ ids: [] })).toEqual([]);
    expect(await list({ ids: ['nope'] })).toEqual([]);
  });
});

describe('institutions: cursor pagination', () => {
  it.each([1, 3, 4, 7, 100])('walks every page with first: %i, sorted by name then id, no duplicates, no gaps', async (first) => {
    const expected = await sortedIds();
    const { ids, totalCount, pages } = await walk(null, first);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(totalCount).toBe(expected.length);
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / first)));
  });

  it('walks a filtered list (Shanxi, page size 2)', async () => {
    const expected = await sortedIds(`region_code in ('140105','140106','140171','140214')`);
    const { ids, totalCount } = await walk({ regionCode: '140000' }, 2);
    expect(ids).toEqual(expected);
    expect(totalCount).toBe(catalogue.filter((r) => r.regionCode.startsWith('14')).length);
  });

  it('orders same-named institutions by id', async () => {
    const { ids } = await walk({ nameContains: '同名服务中心' }, 2);
    expect(ids).toEqual(idsOf((r) => r.name === '同名服务中心'));
  });

  it('answers an empty page for an empty result', async () => {
    const result = await registry.query(LIST, { filter: { nameContains: '不存在的名称' } });
    expect(result.data.institutions).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it.each([0, -1, 101])('refuses first: %i', async (first) => {
    const result = await registry.query(LIST, { first });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions.reason).toBe('PAGE_SIZE');
  });

  it.each([
    ['garbage', 'garbage!!'],
    ['a cursor of the wrong shape', Buffer.from(JSON.stringify(['only-one'])).toString('base64url')],
    ['a cursor that is not a list', Buffer.from(JSON.stringify({ name: 'x' })).toString('base64url')],
  ])('refuses %s as after with INVALID_CURSOR', async (_label, after) => {
    const result = await registry.query(LIST, { first: 5, after });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions.reason).toBe('INVALID_CURSOR');
  });
});

describe('regions', () => {
  const REGION = `query Region($code: String!) { region(code: $code) { code name level kind parentCode provinceCode actsAsCity localCode parent { code } path { code } } }`;

  it.each([
    ['140000', { name: '山西省', level: 'PROVINCE', kind: 'DIVISION', parentCode: null, provinceCode: '140000', actsAsCity: false, parent: null, path: [{ code: '140000' }] }],
    ['140100', { name: '太原市', level: 'CITY', kind: 'DIVISION', parentCode: '140000', provinceCode: '140000', actsAsCity: false, path: [{ code: '140000' }, { code: '140100' }] }],
    ['140105', { name: '小店区', level: 'COUNTY', kind: 'DIVISION', parentCode: '140100', provinceCode: '140000', actsAsCity: false, parent: { code: '140100' }, path: [{ code: '140000' }, { code: '140100' }, { code: '140105' }] }],
    ['140171', { level: 'CITY', kind: 'SPECIAL_UNIT', parentCode: '140000', provinceCode: '140000', actsAsCity: true, localCode: false, path: [{ code: '140000' }, { code: '140171' }] }],
    ['130682', { name: '定州市', level: 'CITY', kind: 'SPECIAL_UNIT', parentCode: '130000', provinceCode: '130000', actsAsCity: true, localCode: false, path: [{ code: '130000' }, { code: '130682' }] }],
  ])('region(code: %s)', async (code, expected) => {
    const result = await registry.query(REGION, { code });
    expect(result.errors).toBeUndefined();
    expect(result.data.region).toMatchObject({ code, ...expected });
    expect(result.sqlStatements).toBe(0);
  });

  it('names 综改区 and answers null for an unknown code', async () => {
    expect((await registry.query(REGION, { code: '140171' })).data.region.name).toMatch(/综.*改.*示范区/);
    expect((await registry.query(REGION, { code: '149999' })).data.region).toBeNull();
  });

  it('regions(parentCode:) lists the children on the review chain', async () => {
    const children = async (parentCode: string) => {
      const result = await registry.query(`query($p: String) { regions(parentCode: $p) { code parentCode } }`, { p: parentCode });
      expect(result.errors).toBeUndefined();
      expect(result.data.regions.every((r: { parentCode: string }) => r.parentCode === parentCode)).toBe(true);
      return result.data.regions.map((r: { code: string }) => r.code);
    };
    const taiyuan = await children('140100');
    expect(taiyuan).toEqual(expect.arrayContaining(['140105', '140106', '140121']));
    expect(taiyuan).not.toContain('140171');
    expect(await children('140000')).toEqual(expect.arrayContaining(['140100', '140200', '140171']));
    const hebei = await children('130000');
    expect(hebei).toEqual(expect.arrayContaining(['130100', '130600', '130682', '130181', '139900']));
    expect(await children('130600')).not.toContain('130682');
    expect(await children('149999')).toEqual([]);
  });
});

describe('federation: _entities', () => {
  const ENTITIES = `query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Institution { id creditCode name region { code } } }
  }`;

  it('resolves references by id and by credit code in order, null for unknown ones', async () => {
    const [a, b, c] = [catalogue[0], catalogue[7], catalogue[9]];
    const result = await registry.query(ENTITIES, {
      representations: [
        { __typename: 'Institution', id: a.id },
        { __typename: 'Institution', creditCode: b.creditCode },
        { __typename: 'Institution', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'Institution', creditCode: newCode() },
        { __typename: 'Institution', id: 'not-a-uuid' },
        { __typename: 'Institution', id: c.id },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: a.id, creditCode: a.creditCode, name: a.name, region: { code: a.regionCode } },
      { id: b.id, creditCode: b.creditCode, name: b.name, region: { code: b.regionCode } },
      null,
      null,
      null,
      { id: c.id, creditCode: c.creditCode, name: c.name, region: { code: c.regionCode } },
    ]);
    expect(result.sqlStatements).toBe(2); // one statement per key kind
  });
});

describe('no N+1: the statement count does not grow with the page', () => {
  const bulk: Registered[] = [];
  beforeAll(async () => {
    for (let batch = 0; batch < 10; batch++) {
      const made = await Promise.all(Array.from({ length: 10 }, (_, i) => register(`批量服务机构${String(batch * 10 + i).padStart(3, '0')}`, i % 2 ? '640106' : '140105')));
      bulk.push(...made);
    }
    const kinds = ['ABNORMAL_OPERATION', 'DISHONEST_JUDGMENT_DEBTOR', 'TAX_EVASION'];
    for (const [i, institution] of bulk.entries()) {
      if (i % 3 !== 0) continue;
      const added = await registry.query(
        `mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id } }`,
        { input: { institutionId: institution.id, kind: kinds[i % kinds.length], listedOn: `20${String(15 + (i % 10)).padStart(2, '0')}-03-01`, source: '信用中国' } },
        admin,
      );
      expect(added.errors).toBeUndefined();
    }
  });

  const PAGE = `query Page($first: Int) { institutions(first: $first) { edges { node { region { name } creditRecords { kind } creditStatus } } } }`;

  it('institutions(first: 10) costs what institutions(first: 100) costs', async () => {
    const ten = await registry.query(PAGE, { first: 10 });
    const hundred = await registry.query(PAGE, { first: 100 });
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(ten.data.institutions.edges).toHaveLength(10);
    expect(hundred.data.institutions.edges).toHaveLength(100);
    const withRecords = hundred.data.institutions.edges.filter((e: { node: { creditRecords: unknown[] } }) => e.node.creditRecords.length > 0);
    expect(withRecords.length).toBeGreaterThan(10);
    expect(ten.sqlStatements).toBeGreaterThan(0);
    expect(hundred.sqlStatements).toBe(ten.sqlStatements);
  });

  it('the restricted annualFacts field batches too', async () => {
    const query = `query Page($first: Int) { institutions(first: $first) { edges { node { contactPhone annualFacts { year } creditStatus } } } }`;
    const ten = await registry.query(query, { first: 10 }, admin);
    const hundred = await registry.query(query, { first: 100 }, admin);
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data.institutions.edges).toHaveLength(100);
    expect(ten.sqlStatements).toBeGreaterThan(0);
    expect(hundred.sqlStatements).toBe(ten.sqlStatements);
  });

  it('_entities with 10 representations costs what 100 cost (ids and credit codes mixed)', async () => {
    const ENTITIES = `query Entities($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Institution { id region { name } creditRecords { kind } creditStatus } }
    }`;
    const representations = (n: number) =>
      bulk.slice(0, n).map((r, i) => (i % 2 ? { __typename: 'Institution', creditCode: r.creditCode } : { __typename: 'Institution', id: r.id }));
    const ten = await registry.query(ENTITIES, { representations: representations(10) });
    const hundred = await registry.query(ENTITIES, { representations: representations(100) });
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data._entities.map((e: { id: string }) => e.id)).toEqual(bulk.map((r) => r.id));
    expect(ten.sqlStatements).toBeGreaterThan(0);
    expect(hundred.sqlStatements).toBe(ten.sqlStatements);
  });
});
