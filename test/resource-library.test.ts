import type { MikroORM } from '@mikro-orm/postgresql';
import { Role, addWorkingDays, addYears, chinaToday, composeCreditCode } from '@sme/kernel';
import { MATERIALS } from '@sme/resource-library';
import { errorCode, tokenFor } from '@sme/testing';
import { shanxiLibrary } from '../subgraphs/shanxi/src/library-config';
import { startSupergraph } from './support/supergraph';
import { admitThroughServices, openLibrarySchema, waitUntilKnown } from './support/library-setup';

/**
 * The resource libraries end to end: registry, shanxi and hebei as their own processes behind the gateway.
 * Cross-subgraph behaviour (the registry's facts and credit records reaching a library) is observed through
 * the gateway only.
 */
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let shanxiOrm: MikroORM;
let admin: string;
const today = chinaToday();
const lastYear = Number(today.slice(0, 4)) - 1;

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
let serial = 0;
async function register(regionCode: string, name: string, establishedOn = '2015-06-01'): Promise<string> {
  serial += 1;
  const r = await supergraph.query(REGISTER, {
    input: { creditCode: composeCreditCode('9', '1', regionCode, `MA0L${String(serial).padStart(4, '0')}`), name, legalForm: 'ENTERPRISE', regionCode, establishedOn },
  }, admin);
  expect(r.errors).toBeUndefined();
  return r.data.registerInstitution.id;
}

const FIGURES = { year: lastYear, seniorExperts: 10, relatedExperts: 20, partnerAgencies: 5, floorAreaOwned: 150, totalAssets: 200, smesServed: 100, pointToPointServed: 10 };
const ATTESTED = { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true };
const CREATE = `mutation($input: CreateLibraryApplicationInput!) { shanxiCreateLibraryApplication(input: $input) { id status unitCode } }`;
const ATTACH = `mutation($input: AttachLibraryMaterialInput!) { shanxiAttachLibraryMaterial(input: $input) { id } }`;
const SUBMIT = `mutation($id: ID!) { shanxiSubmitLibraryApplication(id: $id) { status submittedOn } }`;
const REVIEW = `mutation($input: ReviewLibraryApplicationInput!) { shanxiReviewLibraryApplication(input: $input) { status version } }`;

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor(Role.ADMIN);
  shanxiOrm = await openLibrarySchema(supergraph.databaseUrl, shanxiLibrary);
}, 120_000);
afterAll(async () => {
  await shanxiOrm?.close(true);
  await supergraph?.stop();
});

describe('the 第八条 workflow through the gateway', () => {
  let institutionId: string;
  let applicant: string;
  let applicationId: string;

  beforeAll(async () => {
    institutionId = await register('140105', '太原市小店区端到端资源库机构有限公司');
    applicant = await tokenFor(Role.APPLICANT, { institutionId });
    await waitUntilKnown(supergraph.databaseUrl, 'shanxi', [institutionId]);
  });

  it('drafts, refuses a submission with a 第七条 item missing, then submits', async () => {
    const created = await supergraph.query(CREATE, { input: { institutionId, categories: ['COMPLIANCE', 'DIGITAL_ENABLEMENT'], nature: 'COMMERCIAL', declared: FIGURES, attestations: ATTESTED } }, applicant);
    expect(created.errors).toBeUndefined();
    expect(created.data.shanxiCreateLibraryApplication).toMatchObject({ status: 'DRAFT', unitCode: '140100' });
    applicationId = created.data.shanxiCreateLibraryApplication.id;
    const required = MATERIALS.filter((m) => m.required);
    for (const m of required.slice(1)) {
      const r = await supergraph.query(ATTACH, { input: { applicationId, item: m.item, fileName: `${m.item}.pdf`, mediaType: 'application/pdf', sizeBytes: 4096, sha256: 'c'.repeat(64) } }, applicant);
      expect(r.errors).toBeUndefined();
    }
    const refused = await supergraph.query(SUBMIT, { id: applicationId }, applicant);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'MATERIALS_MISSING', missing: [required[0].item] });
    await supergraph.query(ATTACH, { input: { applicationId, item: required[0].item, fileName: '申请表.pdf', mediaType: 'application/pdf', sizeBytes: 4096, sha256: 'd'.repeat(64) } }, applicant);
    const submitted = await supergraph.query(SUBMIT, { id: applicationId }, applicant);
    expect(submitted.data.shanxiSubmitLibraryApplication).toEqual({ status: 'SUBMITTED', submittedOn: today });
  });

  it('goes through county, city and province, each by a reviewer of the right level and region', async () => {
    const otherCounty = await tokenFor(Role.COUNTY_REVIEWER, { region: '140106' });
    const denied = await supergraph.query(REVIEW, { input: { applicationId, step: 'COUNTY', action: 'APPROVE' } }, otherCounty);
    expect(errorCode(denied)).toBe('FORBIDDEN');
    const county = await supergraph.query(REVIEW, { input: { applicationId, step: 'COUNTY', action: 'APPROVE' } }, await tokenFor(Role.COUNTY_REVIEWER, { region: '140105' }));
    expect(county.data.shanxiReviewLibraryApplication.status).toBe('COUNTY_APPROVED');
    const city = await supergraph.query(REVIEW, { input: { applicationId, step: 'CITY', action: 'APPROVE', opinion: '同意推荐' } }, await tokenFor(Role.CITY_REVIEWER, { region: '140100' }));
    expect(city.data.shanxiReviewLibraryApplication.status).toBe('CITY_RECOMMENDED');

    const summary = await supergraph.query(
      `query($u: String!, $y: Int!) { shanxiLibraryRecommendationSummary(unitCode: $u, year: $y) { title rows { serial institutionName regionName categories opinion } } }`,
      { u: '140100', y: Number(today.slice(0, 4)) },
      await tokenFor(Role.CITY_REVIEWER, { region: '140100' }),
    );
    expect(summary.data.shanxiLibraryRecommendationSummary.title).toBe('太原市优质中小企业公共服务资源库入库机构推荐汇总表');
    expect(summary.data.shanxiLibraryRecommendationSummary.rows).toContainEqual({ serial: 1, institutionName: '太原市小店区端到端资源库机构有限公司', regionName: '小店区', categories: '合规管理类、数字赋能类', opinion: '同意推荐' });

    const province = await supergraph.query(REVIEW, { input: { applicationId, step: 'PROVINCE', action: 'APPROVE' } }, await tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' }));
    expect(province.data.shanxiReviewLibraryApplication.status).toBe('PROVINCE_APPROVED');
    const again = await supergraph.query(REVIEW, { input: { applicationId, step: 'PROVINCE', action: 'APPROVE' } }, await tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' }));
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    expect(again.errors![0].extensions).toMatchObject({ currentState: 'PROVINCE_APPROVED', allowedActions: ['START_PUBLIC_NOTICE'] });
  });

  it('publishes a 5-working-day notice that anyone can read, without the figures', async () => {
    const notice = await supergraph.query(
      `mutation($input: StartLibraryPublicNoticeInput!) { shanxiStartLibraryPublicNotice(input: $input) { status noticeStartsOn noticeEndsOn } }`,
      { input: { applicationIds: [applicationId] } },
      await tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' }),
    );
    expect(notice.data.shanxiStartLibraryPublicNotice).toEqual([{ status: 'IN_PUBLIC_NOTICE', noticeStartsOn: today, noticeEndsOn: addWorkingDays(today, 5) }]);
    const anonymous = await supergraph.query(`{ shanxiLibraryPublicNotices { id noticeEndsOn institution { name } } }`);
    expect(anonymous.data.shanxiLibraryPublicNotices).toContainEqual({ id: applicationId, noticeEndsOn: addWorkingDays(today, 5), institution: { name: '太原市小店区端到端资源库机构有限公司' } });
    const figures = await supergraph.query(`query($id: ID!) { shanxiLibraryApplication(id: $id) { declared { smesServed } } }`, { id: applicationId });
    expect(errorCode(figures)).toBe('FORBIDDEN');
  });

  it('shows the eligibility report and the status history to the applicant, with the registry beside', async () => {
    const r = await supergraph.query(
      `query($id: ID!) { institution(id: $id) { name shanxiLibraryApplications { eligibility { outcome criteria { code article outcome required actual } } statusHistory { fromStatus toStatus action on } } } }`,
      { id: institutionId },
      applicant,
    );
    const [application] = r.data.institution.shanxiLibraryApplications;
    expect(application.eligibility.outcome).toBe('NEEDS_REVIEW');
    expect(application.eligibility.criteria).toContainEqual({ code: 'SMES_SERVED', article: '晋 第六条（六）', outcome: 'PASS', required: '≥ 100 家', actual: '100' });
    expect(application.statusHistory.map((s: { action: string }) => s.action)).toEqual(['CREATE', 'SUBMIT', 'COUNTY_APPROVE', 'CITY_APPROVE', 'PROVINCE_APPROVE', 'START_PUBLIC_NOTICE']);
  });
});

describe('a credit record in registry removes a Shanxi member and bans re-entry (第十二条)', () => {
  it('removes the member directly, bans two years, and refuses a new application with the ban’s end', async () => {
    const institutionId = await register('140106', '太原市迎泽区端到端失信测试有限公司');
    await waitUntilKnown(supergraph.databaseUrl, 'shanxi', [institutionId]);
    await admitThroughServices(shanxiOrm, shanxiLibrary, institutionId, '2025-09-01');
    const membership = `query($id: ID!) { institution(id: $id) { shanxiLibrary { status admittedOn removedOn removalGround removalReason reentryBannedUntil } } }`;
    expect((await supergraph.query(membership, { id: institutionId })).data.institution.shanxiLibrary).toMatchObject({ status: 'ACTIVE', removedOn: null });

    const record = await supergraph.query(`mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id } }`, {
      input: { institutionId, kind: 'SERIOUS_DISHONESTY_LIST', listedOn: today, source: '信用中国' },
    }, admin);
    expect(record.errors).toBeUndefined();

    let member: any;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      member = (await supergraph.query(membership, { id: institutionId })).data.institution.shanxiLibrary;
      if (member.status === 'REMOVED') break;
    }
    const bannedUntil = addYears(today, 2); // 民法典 第二百零二条: the anniversary is the ban's last day
    expect(member).toMatchObject({ status: 'REMOVED', removedOn: today, removalGround: 'CREDIT_RECORD', reentryBannedUntil: bannedUntil });
    expect(member.removalReason).toContain('严重失信主体名单');

    const again = await supergraph.query(CREATE, { input: { institutionId, categories: ['FINANCING'], nature: 'COMMERCIAL' } }, await tokenFor(Role.APPLICANT, { institutionId }));
    expect(errorCode(again)).toBe('REENTRY_BANNED');
    expect(again.errors![0].extensions.bannedUntil).toBe(bannedUntil);
  });
});

describe('SQL statements per operation', () => {
  it('a page of members with their institutions costs the same for 3 and for 12 members', async () => {
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await register('140109', `太原市万柏林区分页测试机构${String(i).padStart(2, '0')}`));
    await waitUntilKnown(supergraph.databaseUrl, 'shanxi', ids);
    for (const id of ids) await admitThroughServices(shanxiOrm, shanxiLibrary, id, '2025-03-03');
    const page = `query($n: Int!) { shanxiLibraryMembers(first: $n, filter: { cityCode: "140100" }) { edges { node { status categories admittedOn statusHistory { action } institution { name creditCode region { name } shanxiLibraryApplications { status } hebeiLibrary { status } } } } } }`;
    const small = await supergraph.query(page, { n: 3 }, admin);
    const large = await supergraph.query(page, { n: 12 }, admin);
    expect(small.errors).toBeUndefined();
    expect(large.data.shanxiLibraryMembers.edges).toHaveLength(12);
    expect(large.sqlStatements).toBe(small.sqlStatements);
  });
});
