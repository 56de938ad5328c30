import type { MikroORM } from '@mikro-orm/postgresql';
import { Role, addDays, addWorkingDays, chinaToday, composeCreditCode, signToken } from '@sme/kernel';
import { errorCode, tokenFor } from '@sme/testing';
import { ningxiaProgramme } from '../subgraphs/ningxia/src/programme';
import { shandongProgramme } from '../subgraphs/shandong/src/programme';
import { startSupergraph } from './support/supergraph';
import { waitUntilKnown } from './support/library-setup';
import { designateThroughServices, openPlatformSchema } from './support/platform-setup';

/**
 * The Shandong and Ningxia demonstration platforms end to end: registry, shandong and ningxia as their own
 * processes behind the gateway. The workflow up to the notice runs through the gateway today; designations,
 * which take months, are made through the engine's services on past dates, and read back through the gateway.
 */
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let ningxiaOrm: MikroORM;
let shandongOrm: MikroORM;
let admin: string;
const today = chinaToday();
const lastYear = Number(today.slice(0, 4)) - 1;

let serial = 0;
async function register(regionCode: string, name: string, legalForm = 'ENTERPRISE'): Promise<string> {
  serial += 1;
  const r = await supergraph.query(`mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`, {
    input: { creditCode: composeCreditCode(legalForm === 'ENTERPRISE' ? '9' : '1', legalForm === 'ENTERPRISE' ? '1' : '2', regionCode, `MA0P${String(serial).padStart(4, '0')}`), name, legalForm, regionCode, establishedOn: '2014-05-01' },
  }, admin);
  expect(r.errors).toBeUndefined();
  return r.data.registerInstitution.id;
}

const DECLARATION = {
  declared: {
    figuresYear: lastYear, totalAssets: 150, servedByYear: [{ year: lastYear - 1, smesServed: 60 }, { year: lastYear, smesServed: 75 }],
    satisfactionPercent: 88, aggregatedAgencies: 3, publicWelfareSharePercent: 22, serviceStaff: 12, qualifiedServiceStaff: 9,
  },
  functions: [{ function: 'MARKET', attested: [], figures: [{ measure: 'ENTERPRISE_TIMES', value: 60 }] }],
  priorRecognitions: [],
  contactPerson: '马经理', contactPhone: '0951-5012345',
};

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor(Role.ADMIN);
  ningxiaOrm = await openPlatformSchema(supergraph.databaseUrl, ningxiaProgramme);
  shandongOrm = await openPlatformSchema(supergraph.databaseUrl, shandongProgramme);
}, 180_000);

afterAll(async () => {
  await ningxiaOrm?.close(true);
  await shandongOrm?.close(true);
  await supergraph?.stop();
});

describe('Ningxia: the workflow through the gateway (宁 第九条至第十三条)', () => {
  it('applicant → city assessment → expert review and on-site visit → province → 5-working-day notice', async () => {
    const institutionId = await register('640106', '银川市金凤区端到端示范平台有限公司');
    await waitUntilKnown(supergraph.databaseUrl, 'ningxia', [institutionId]);
    const applicant = await tokenFor(Role.APPLICANT, { institutionId });
    const created = await supergraph.query(`mutation($input: CreatePlatformApplicationInput!) { ningxiaCreatePlatformApplication(input: $input) { id status cityCode campaignYear } }`, { input: { institutionId, ...DECLARATION } }, applicant);
    expect(created.errors).toBeUndefined();
    expect(created.data.ningxiaCreatePlatformApplication).toMatchObject({ status: 'DRAFT', cityCode: '640100' });
    const id = created.data.ningxiaCreatePlatformApplication.id;

    const submitted = await supergraph.query(`mutation($id: ID!) { ningxiaSubmitPlatformApplication(id: $id) { status submittedOn ruleSetId } }`, { id }, applicant);
    expect(submitted.data.ningxiaSubmitPlatformApplication).toEqual({ status: 'SUBMITTED', submittedOn: today, ruleSetId: 'ningxia-measures' });

    const report = await supergraph.query(`query($id: ID!) { ningxiaPlatformApplication(id: $id) { eligibility { outcome ruleSet criteria { code article outcome } } } }`, { id }, applicant);
    const criteria = report.data.ningxiaPlatformApplication.eligibility.criteria;
    expect(criteria.find((c: any) => c.code === 'SMES_SERVED')).toMatchObject({ article: '宁 第六条（二）', outcome: 'PASS' });
    expect(criteria.find((c: any) => c.code === 'FUNCTION_MARKET')).toMatchObject({ article: '宁 第七条（七）', outcome: 'PASS' });

    const REVIEW = `mutation($input: PlatformReviewInput!) { ningxiaReviewPlatformApplication(input: $input) { status version noticeEndsOn } }`;
    const otherCity = await tokenFor(Role.CITY_REVIEWER, { region: '640300' });
    const assessment = { findings: [{ item: 'OPERATION', finding: '运行规范' }, { item: 'PERFORMANCE', finding: '业绩良好' }, { item: 'SATISFACTION', finding: '满意度 88%' }], opinion: '同意推荐' };
    expect(errorCode(await supergraph.query(REVIEW, { input: { applicationId: id, step: 'CITY', action: 'APPROVE', assessment } }, otherCity))).toBe('FORBIDDEN');
    const city = await tokenFor(Role.CITY_REVIEWER, { region: '640100' });
    const recommended = await supergraph.query(REVIEW, { input: { applicationId: id, step: 'CITY', action: 'APPROVE', assessment } }, city);
    expect(recommended.data.ningxiaReviewPlatformApplication.status).toBe('CITY_RECOMMENDED');

    const province = await tokenFor(Role.PROVINCE_REVIEWER, { region: '640000' });
    const early = await supergraph.query(REVIEW, { input: { applicationId: id, step: 'PROVINCE', action: 'APPROVE' } }, province);
    expect(early.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CHECKS_MISSING', missing: ['EXPERT_REVIEW', 'ON_SITE_VISIT'], article: '宁 第十二条' });

    const expert = await signToken({ id: 'expert-1', name: '专家', role: Role.EXPERT, region: null, institutionId: null, panel: `ningxia-${today.slice(0, 4)}` });
    const reviewed = await supergraph.query(`mutation($input: PlatformExpertReviewInput!) { ningxiaRecordPlatformExpertReview(input: $input) { expertReview { recommended reviewedOn } } }`, {
      input: { applicationId: id, panel: [{ name: '杨研究员', title: '研究员', organisation: '宁夏社会科学院' }], opinion: '市场服务成效明显', recommended: true },
    }, expert);
    expect(reviewed.data.ningxiaRecordPlatformExpertReview.expertReview).toEqual({ recommended: true, reviewedOn: today });
    const visited = await supergraph.query(`mutation($input: PlatformOnSiteVisitInput!) { ningxiaRecordPlatformOnSiteVisit(input: $input) { onSiteVisit { confirmed } } }`, {
      input: { applicationId: id, visitors: '自治区工信厅中小企业处', findings: '场地人员与申报一致', confirmed: true },
    }, province);
    expect(visited.errors).toBeUndefined();

    const approved = await supergraph.query(REVIEW, { input: { applicationId: id, step: 'PROVINCE', action: 'APPROVE' } }, province);
    expect(approved.data.ningxiaReviewPlatformApplication).toMatchObject({ status: 'IN_PUBLIC_NOTICE', noticeEndsOn: addWorkingDays(today, 5) });

    // 公示: public, without figures or contacts
    const notices = await supergraph.query(`{ ningxiaPlatformPublicNotices { id noticeEndsOn institution { name } } }`);
    expect(notices.data.ningxiaPlatformPublicNotices.map((n: any) => n.id)).toContain(id);
    const contact = await supergraph.query(`query($id: ID!) { ningxiaPlatformApplication(id: $id) { contactPhone } }`, { id });
    expect(errorCode(contact)).toBe('FORBIDDEN');

    const designate = await supergraph.query(`mutation($input: PlatformDecisionInput!) { ningxiaDecidePlatformApplication(input: $input) { status } }`, { input: { applicationId: id, decision: 'DESIGNATE' } }, province);
    expect(designate.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'NOTICE_NOT_ENDED' });

    const history = await supergraph.query(`query($id: ID!) { institution(id: $id) { ningxiaPlatformApplications { statusHistory { toStatus action } } } }`, { id: institutionId }, province);
    expect(history.data.institution.ningxiaPlatformApplications[0].statusHistory.map((s: any) => s.toStatus)).toEqual(['DRAFT', 'SUBMITTED', 'CITY_RECOMMENDED', 'IN_PUBLIC_NOTICE']);
  });
});

describe('Shandong: 鲁工信发〔2020〕4号 applies from 2020-10-07 through 2023-10-06 (鲁 第二十九条)', () => {
  it('refuses an application today with NO_RULE_SET_IN_FORCE, naming the document and its dates', async () => {
    const institutionId = await register('370102', '济南市历下区端到端示范平台有限公司');
    await waitUntilKnown(supergraph.databaseUrl, 'shandong', [institutionId]);
    const r = await supergraph.query(`mutation($input: CreatePlatformApplicationInput!) { shandongCreatePlatformApplication(input: $input) { id } }`, {
      input: { institutionId, ...DECLARATION, functions: [{ function: 'LEGAL', attested: ['GUIDE', 'HOTLINE'], figures: [{ measure: 'ENTERPRISE_TIMES', value: 30 }] }] },
    }, await tokenFor(Role.APPLICANT, { institutionId }));
    expect(r.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT', reason: 'NO_RULE_SET_IN_FORCE', jurisdiction: '370000',
      ruleSets: [{ id: 'lu-gongxinfa-2020-4', inForceFrom: '2020-10-07', inForceUntil: '2023-10-06', article: '鲁 第二十九条' }],
    });
    const rules = await supergraph.query(`{ before: shandongPlatformRuleSetInForce(on: "2020-10-06") { id } first: shandongPlatformRuleSetInForce(on: "2020-10-07") { id } last: shandongPlatformRuleSetInForce(on: "2023-10-06") { id } after: shandongPlatformRuleSetInForce(on: "2023-10-07") { id } }`);
    expect(rules.data).toEqual({ before: null, first: { id: 'lu-gongxinfa-2020-4' }, last: { id: 'lu-gongxinfa-2020-4' }, after: null });
    expect(rules.errors!.map((e) => e.extensions.reason)).toEqual(['NO_RULE_SET_IN_FORCE', 'NO_RULE_SET_IN_FORCE']);
  });

  it('a designation made under it is read as Institution.shandongPlatform and expires the day after validUntil', async () => {
    const institutionId = await register('370212', '青岛市崂山区端到端示范平台有限公司');
    await waitUntilKnown(supergraph.databaseUrl, 'shandong', [institutionId]);
    const { designationId, designatedOn } = await designateThroughServices(shandongOrm, shandongProgramme, institutionId, '2022-04-11');
    const validUntil = addDays(`${Number(designatedOn.slice(0, 4)) + 3}${designatedOn.slice(4)}`, -1);
    const q = await supergraph.query(`query($id: ID!, $last: Date!, $after: Date!) {
      shandongPlatform(id: $id) { title cityCode validUntil onLastDay: status(asOf: $last) dayAfter: status(asOf: $after) institution { name shandongPlatform { designatedOn validUntil } } }
    }`, { id: designationId, last: validUntil, after: addDays(validUntil, 1) });
    expect(q.errors).toBeUndefined();
    expect(q.data.shandongPlatform).toMatchObject({
      title: '山东省中小企业公共服务示范平台', cityCode: '370200', validUntil, onLastDay: 'DESIGNATED', dayAfter: 'EXPIRED',
      institution: { name: '青岛市崂山区端到端示范平台有限公司', shandongPlatform: { designatedOn, validUntil } },
    });
    const listed = await supergraph.query(`query($f: DemonstrationPlatformFilter) { shandongPlatforms(filter: $f) { edges { node { id } } } }`, { f: { status: 'EXPIRED', asOf: addDays(validUntil, 1), cityCode: '370200' } });
    expect(listed.data.shandongPlatforms.edges.map((e: any) => e.node.id)).toContain(designationId);
    const stillValid = await supergraph.query(`query($f: DemonstrationPlatformFilter) { shandongPlatforms(filter: $f) { edges { node { id } } } }`, { f: { status: 'DESIGNATED', asOf: validUntil, cityCode: '370200' } });
    expect(stillValid.data.shandongPlatforms.edges.map((e: any) => e.node.id)).toContain(designationId);
  });
});

describe('the public platform database (宁 第十五条) and a credit record from registry', () => {
  it('anonymous callers read platforms and statistics, not inspections or summaries', async () => {
    const institutionId = await register('640302', '吴忠市利通区端到端公开库测试有限公司');
    await waitUntilKnown(supergraph.databaseUrl, 'ningxia', [institutionId]);
    const { designationId } = await designateThroughServices(ningxiaOrm, ningxiaProgramme, institutionId, '2025-03-03');
    const open = await supergraph.query(`query($id: ID!) { ningxiaPlatform(id: $id) { status functions cityCode institution { name } assessments { rating } } ningxiaPlatformStatistics { designated } }`, { id: designationId });
    expect(open.errors).toBeUndefined();
    expect(open.data.ningxiaPlatform).toMatchObject({ status: 'DESIGNATED', functions: ['INFORMATION'], cityCode: '640300' });
    expect(open.data.ningxiaPlatformStatistics.designated).toBeGreaterThanOrEqual(1);
    for (const field of ['inspections { id }', 'summaries { id }', 'auditTrail { action }']) {
      expect(errorCode(await supergraph.query(`query($id: ID!) { ningxiaPlatform(id: $id) { ${field} } }`, { id: designationId }))).toBe('FORBIDDEN');
    }
  });

  it('revokes the Ningxia designation when the registry lists the institution (宁 第十七条)', async () => {
    const institutionId = await register('640104', '银川市兴庆区端到端失信测试有限公司');
    await waitUntilKnown(supergraph.databaseUrl, 'ningxia', [institutionId]);
    await designateThroughServices(ningxiaOrm, ningxiaProgramme, institutionId, '2025-03-03');
    const record = await supergraph.query(`mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id } }`, {
      input: { institutionId, kind: 'SERIOUS_DISHONESTY_LIST', listedOn: today, source: '信用中国' },
    }, admin);
    expect(record.errors).toBeUndefined();
    const platform = `query($id: ID!) { institution(id: $id) { ningxiaPlatform { status revokedOn revocationReason } } }`;
    let designation: any;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      designation = (await supergraph.query(platform, { id: institutionId })).data.institution.ningxiaPlatform;
      if (designation.status === 'REVOKED') break;
    }
    expect(designation).toMatchObject({ status: 'REVOKED', revokedOn: today });
    expect(designation.revocationReason).toContain('宁 第十七条');
  });
});

describe('SQL statements per operation', () => {
  it('a page of platforms with their institutions costs the same for 2 and for 8 platforms', async () => {
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await register('640402', `固原市原州区分页测试平台${String(i).padStart(2, '0')}`, 'PUBLIC_INSTITUTION'));
    await waitUntilKnown(supergraph.databaseUrl, 'ningxia', ids);
    for (const id of ids) await designateThroughServices(ningxiaOrm, ningxiaProgramme, id, '2025-06-02');
    const page = `query($n: Int!) { ningxiaPlatforms(first: $n, filter: { cityCode: "640400" }) { totalCount edges { node { status title functions assessments { rating } inspections { id } institution { name region { name } ningxiaPlatform { status } ningxiaPlatformApplications { status } } } } } }`;
    const small = await supergraph.query(page, { n: 2 }, admin);
    const large = await supergraph.query(page, { n: 8 }, admin);
    expect(small.errors).toBeUndefined();
    expect(large.data.ningxiaPlatforms.edges).toHaveLength(8);
    expect(large.sqlStatements).toBe(small.sqlStatements);
  });
});
