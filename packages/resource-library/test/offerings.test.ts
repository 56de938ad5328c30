import type { GraphQLSchema } from 'graphql';
import { AuditEntry, Role, type AuthUser } from '@sme/kernel';
import { LibraryCategory } from '../src/categories';
import type { Member } from '../src/members/member.entity';
import { RemovalGround } from '../src/members/member-status';
import { removeMemberByDecision } from '../src/members/removal';
import { OfferingKind, ServiceOffering } from '../src/offerings/service-offering.entity';
import { publishOffering, withdrawOffering } from '../src/offerings/offerings.service';
import { ADMIN, openLibrary, refusedWith, testConfig, type LibraryFixture } from './support/library-fixture';
import { applicantOf, execute, librarySchema, userOf } from './support/library-graphql';

/** 第十三条（一）: members p and q publish; r publishes and is then removed. */
let lib: LibraryFixture;
let schema: GraphQLSchema;
let p: Member, q: Member, r: Member;
let instP: string, instQ: string, instR: string;
const o: Record<string, ServiceOffering> = {};

const publish = (member: Member, today: string, values: { kind?: OfferingKind; category?: LibraryCategory; title?: string } = {}, user: AuthUser | null = ADMIN, config = lib.config) =>
  publishOffering(lib.em(), config, user, {
    memberId: member.id, kind: values.kind ?? OfferingKind.PRODUCT, category: values.category ?? LibraryCategory.TECHNOLOGY_INNOVATION,
    title: values.title ?? '中小企业数字化转型诊断', summary: '面向制造业中小企业的数字化水平评估与改造方案',
  }, today);


beforeAll(async () => {
  lib = await openLibrary();
  schema = await librarySchema(lib);
  [instP, instQ, instR] = [await lib.knowInstitution(), await lib.knowInstitution(), await lib.knowInstitution()];
  p = await lib.admit(instP, '2024-03-07');
  q = await lib.admit(instQ, '2024-03-07');
  r = await lib.admit(instR, '2024-03-07');
});
afterAll(() => lib?.close());

describe('publishing and withdrawing', () => {
  it('publishes for the member’s applicant in any of the province’s categories, public from that day', async () => {
    o.p1 = await publish(p, '2024-04-01', {}, applicantOf(instP));
    // the member was admitted under 技术创新 only: it may still describe a 数字赋能 case
    o.p2 = await publish(p, '2024-05-01', { kind: OfferingKind.CASE, category: LibraryCategory.DIGITAL_ENABLEMENT, title: '某机械厂 MES 改造案例' });
    o.p3 = await publish(p, '2024-06-01', { title: '旧版诊断产品' });
    o.q1 = await publish(q, '2024-05-01', { kind: OfferingKind.CASE });
    o.q2 = await publish(q, '2024-07-01', { category: LibraryCategory.FINANCING, title: '知识产权质押融资辅导' }, applicantOf(instQ));
    o.r1 = await publish(r, '2024-08-01');
    expect(o.p1).toMatchObject({ memberId: p.id, kind: OfferingKind.PRODUCT, category: LibraryCategory.TECHNOLOGY_INNOVATION, publishedOn: '2024-04-01', withdrawnOn: null });
    expect(o.p2).toMatchObject({ kind: OfferingKind.CASE, category: LibraryCategory.DIGITAL_ENABLEMENT });
    expect(await lib.em().count(AuditEntry, { recordId: p.id, action: 'PUBLISH_OFFERING' })).toBe(3);
  });

  it('refuses a category the province does not have, another institution, an anonymous caller, a bad title; nothing changes', async () => {
    const hebeiLike = testConfig({ categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE) });
    expect(await publish(p, '2024-06-02', { category: LibraryCategory.COMPLIANCE })).toMatchObject({ category: LibraryCategory.COMPLIANCE }); // Shanxi has 合规管理
    await refusedWith(lib, () => publish(p, '2024-06-02', { category: LibraryCategory.COMPLIANCE }, ADMIN, hebeiLike), { code: 'BAD_USER_INPUT', reason: 'CATEGORY_NOT_OFFERED' });
    await refusedWith(lib, () => publish(p, '2024-06-02', {}, applicantOf(instQ)), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => publish(p, '2024-06-02', {}, userOf(Role.PROVINCE_REVIEWER, { region: '140000' })), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => publish(p, '2024-06-02', {}, null), { code: 'UNAUTHENTICATED' });
    await refusedWith(lib, () => publish(p, '2024-06-02', { title: ' ' }), { code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
    await refusedWith(lib, () => publish(p, '2024-06-02', { title: '产'.repeat(201) }), { code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
    o.q3 = await publish(q, '2024-06-02', { title: '品'.repeat(200) });
    expect(o.q3.title).toHaveLength(200);
    await refusedWith(lib, () => publish({ ...p, id: '00000000-0000-4000-8000-000000000000' } as Member, '2024-06-02'), { code: 'NOT_FOUND' });
  });

  it('withdraws once, for the member’s applicant', async () => {
    await refusedWith(lib, () => withdrawOffering(lib.em(), applicantOf(instQ), o.p3.id, '2024-06-10'), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => withdrawOffering(lib.em(), ADMIN, 'not-an-id', '2024-06-10'), { code: 'NOT_FOUND' });
    expect(await withdrawOffering(lib.em(), applicantOf(instP), o.p3.id, '2024-06-10')).toMatchObject({ withdrawnOn: '2024-06-10' });
    await refusedWith(lib, () => withdrawOffering(lib.em(), ADMIN, o.p3.id, '2024-06-11'), { code: 'INVALID_TRANSITION' });
  });

  it('takes nothing from a removed member', async () => {
    await removeMemberByDecision(lib.em(), lib.config, userOf(Role.PROVINCE_REVIEWER, { region: '140000' }), { memberId: r.id, ground: RemovalGround.DATA_FALSIFICATION, reason: '服务业绩数据造假' }, '2024-09-01');
    await refusedWith(lib, () => publish(r, '2024-09-02'), { code: 'INVALID_TRANSITION' });
    await refusedWith(lib, () => withdrawOffering(lib.em(), ADMIN, o.r1.id, '2024-09-02'), { code: 'INVALID_TRANSITION' });
  });
});

describe('the public list', () => {
  const LIST = `query ($category: LibraryCategory, $first: Int, $after: String) {
    libraryLibraryOfferings(category: $category, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id title publishedOn member { id status } } }
    }
  }`;
  type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; publishedOn: string; member: { id: string } } }[] };
  const list = async (variables: Record<string, unknown>, user: AuthUser | null = null) => {
    const result = await execute(lib, schema, user, LIST, variables);
    expect(result.errors).toBeUndefined();
    return { page: result.data!.libraryLibraryOfferings as Page, statements: result.statements };
  };
  /** Newest first; items of one day by id, descending. */
  const newestFirst = (items: ServiceOffering[]) => [...items].sort((x, y) => y.publishedOn.localeCompare(x.publishedOn) || y.id.localeCompare(x.id)).map((x) => x.id);

  it('lists to anyone, newest first, without withdrawn items or removed members’ items', async () => {
    const listed = await lib.em().find(ServiceOffering, { memberId: { $in: [p.id, q.id] }, withdrawnOn: null });
    const { page } = await list({ first: 100 });
    expect(page.edges.map((e) => e.node.id)).toEqual(newestFirst(listed));
    expect(page.totalCount).toBe(listed.length);
    expect(page.edges.map((e) => e.node.id)).not.toContain(o.p3.id);
    expect(page.edges.map((e) => e.node.id)).not.toContain(o.r1.id);
    expect(page.edges[0].node).toMatchObject({ id: o.q2.id, member: { id: q.id, status: 'ACTIVE' } });
  });

  it('filters by category and pages by cursor without gaps or repeats', async () => {
    const technology = await list({ category: 'TECHNOLOGY_INNOVATION' });
    expect(technology.page.edges.map((e) => e.node.id)).toEqual(newestFirst([o.q3, o.q1, o.p1]));
    const all = (await list({ first: 100 })).page.edges.map((e) => e.node.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { page } = await list({ first: 2, after });
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('costs the same statements for a page of one as for a page of many', async () => {
    const one = await list({ first: 1 });
    const many = await list({ first: 6 });
    expect(many.page.edges.length).toBeGreaterThan(3);
    expect(many.statements).toBe(one.statements);
  });

  it('refuses a bad page size or cursor', async () => {
    expect((await execute(lib, schema, null, LIST, { first: 0 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await execute(lib, schema, null, LIST, { after: 'nonsense' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('shows a member’s own items publicly, withdrawn ones on request', async () => {
    const QUERY = `query ($id: ID!, $all: Boolean) { libraryLibraryMember(id: $id) { current: offerings { id } all: offerings(includeWithdrawn: $all) { id withdrawnOn } } }`;
    const result = await execute(lib, schema, null, QUERY, { id: p.id, all: true });
    expect(result.errors).toBeUndefined();
    const member = result.data!.libraryLibraryMember;
    expect(member.current.map((x: { id: string }) => x.id)).not.toContain(o.p3.id);
    expect(member.all.map((x: { id: string }) => x.id)).toContain(o.p3.id);
    expect(member.all).toHaveLength(member.current.length + 1);
  });

  it('publishes and withdraws through the schema with the province’s field names', async () => {
    const published = await execute(lib, schema, applicantOf(instQ), `mutation ($input: PublishLibraryOfferingInput!) { libraryPublishLibraryOffering(input: $input) { id kind withdrawnOn } }`, {
      input: { memberId: q.id, kind: 'CASE', category: 'POLICY_CONSULTING', title: '惠企政策申报辅导案例', summary: '帮助 30 家企业完成申报' },
    });
    expect(published.errors).toBeUndefined();
    const withdrawn = await execute(lib, schema, applicantOf(instP), `mutation ($id: ID!) { libraryWithdrawLibraryOffering(id: $id) { id } }`, { id: published.data!.libraryPublishLibraryOffering.id });
    expect(withdrawn.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
