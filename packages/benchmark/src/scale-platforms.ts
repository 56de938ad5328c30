import { CREDIT_RECORD_KIND_NAMES_ZH, addYears, allRegions, cityOf, designationValidUntil } from '@sme/kernel';
import { PlatformApplicationStatus as Status, PlatformFunction as F, FunctionAttestation as A, FunctionMeasure as M } from '@sme/demonstration-platform';
import { prng, type Prng } from './scale-prng';
import { ANCHOR_DATE, dateBetween, maxDate, minDate, timestampOn, addDays, addWorkingDays } from './scale-timeline';
import { CREDIT_KINDS, creditRecord, figuresFor, type ScaleCreditRecord, type ScaleInstitution } from './scale-registry';
import { applicantOf, expertOf, reviewerOf, systemOf, type Actor, type Transition } from './scale-status-history';
import { builtTable, type TableLoad } from './scale-tables';
import { textArray, type CopyValue } from './copy-format';
import type { AreaPlan } from './scale-plan';

/**
 * The two demonstration-platform programmes (SPEC §4) on one engine: applications in every status of the
 * workflow, the designations they led to (valid, expired or revoked), city inspections, annual summaries, and in
 * Ningxia the cities' reports and the performance assessments. Each programme as its subgraph configures it.
 */
interface FunctionTemplate {
  function: F;
  attested: A[];
  figures: [M, number, number][];
}

export interface PlatformProgramme {
  name: 'shandong' | 'ningxia';
  provinceCode: string;
  abbreviation: string;
  ruleSetId: string;
  /** Submissions the rule set covers (鲁工信发〔2020〕4号: 2020-10-07 to 2023-10-06; 宁: from 2019-04-04, open-ended). */
  submissionsUntil: string;
  campaigns: readonly number[];
  participation: number;
  /** 鲁 第十八条 / 宁 第十条: the items of the city's assessment. */
  assessmentItems: readonly string[];
  /** 宁 第十二条: expert review and on-site visit before approval. */
  visitsAlways: boolean;
  /** 鲁 第二十四条: 3 years without applying after a revocation for a violation. */
  revocationBanYears: number | null;
  /** 鲁 第二十五条: a failed city inspection may ask for revocation. */
  inspectionMayRequest: boolean;
  /** 鲁 第二十六条 asks for next year's plan in the summary. */
  summaryAsksPlan: boolean;
  /** 宁 第十八条 city reports; 宁 第十九条 performance assessments. */
  cityReports: boolean;
  assessments: boolean;
  platformTitle: string;
  noticeArticle: string;
  designationArticle: string;
  revocationArticle: string;
  functions: readonly FunctionTemplate[];
}

/** Functions whose figures meet both provinces' minima (SPEC §4 second table); each province offers its own seven. */
const COMMON_FUNCTIONS: readonly FunctionTemplate[] = [
  { function: F.INFORMATION, attested: [A.ONLINE_SYSTEM], figures: [[M.OFFLINE_ENTERPRISES, 130, 480], [M.ACTIVITIES, 6, 24]] },
  { function: F.TECHNOLOGY, attested: [A.EXPERT_LIBRARY, A.PROJECT_LIBRARY], figures: [[M.ACTIVITIES, 6, 20]] },
  { function: F.STARTUP, attested: [A.PROJECT_LIBRARY, A.GUIDE, A.HOTLINE], figures: [[M.ACTIVITIES, 6, 18]] },
  { function: F.TRAINING, attested: [A.TRAINING_QUALIFICATION], figures: [[M.PERSON_TIMES, 1300, 6000]] },
  { function: F.FINANCING, attested: [], figures: [[M.ACTIVITIES, 6, 15], [M.AMOUNT_FINANCED, 5.5, 30]] },
];

export const PLATFORM_PROGRAMMES: readonly PlatformProgramme[] = [
  {
    name: 'shandong', provinceCode: '370000', abbreviation: '鲁', ruleSetId: 'lu-gongxinfa-2020-4', submissionsUntil: '2023-10-06', campaigns: [2021, 2022, 2023], participation: 0.08,
    assessmentItems: ['OPERATION', 'PERFORMANCE', 'SATISFACTION', 'GOVERNMENT_TASKS'], visitsAlways: false, revocationBanYears: 3, inspectionMayRequest: true,
    summaryAsksPlan: true, cityReports: false, assessments: false, platformTitle: '山东省中小企业公共服务示范平台', noticeArticle: '第二十条', designationArticle: '第二十一条',
    revocationArticle: '第二十四条',
    functions: [
      ...COMMON_FUNCTIONS,
      { function: F.CONSULTING, attested: [], figures: [[M.ENTERPRISES_DIAGNOSED, 30, 150]] },
      { function: F.LEGAL, attested: [A.GUIDE, A.HOTLINE], figures: [[M.ENTERPRISES_CHECKED, 30, 90], [M.ACTIVITIES, 6, 14]] },
    ],
  },
  {
    name: 'ningxia', provinceCode: '640000', abbreviation: '宁', ruleSetId: 'ningxia-measures', submissionsUntil: ANCHOR_DATE, campaigns: [2022, 2023, 2024, 2025, 2026], participation: 0.15,
    assessmentItems: ['OPERATION', 'PERFORMANCE', 'SATISFACTION'], visitsAlways: true, revocationBanYears: null, inspectionMayRequest: false,
    summaryAsksPlan: false, cityReports: true, assessments: true, platformTitle: '自治区中小企业公共服务示范平台', noticeArticle: '第十二条', designationArticle: '第十三条',
    revocationArticle: '第十七条',
    functions: [
      ...COMMON_FUNCTIONS,
      { function: F.CONSULTING, attested: [], figures: [[M.ACTIVITIES, 3, 12]] },
      { function: F.MARKET, attested: [], figures: [[M.ENTERPRISE_TIMES, 50, 400]] },
    ],
  },
];

interface Story {
  status: Status;
  weight: number;
  /** how far: 0 submitted, 1 city recommended, 2 province approved (notice), 3 decided after the notice */
  reached: number;
  stop?: 'CITY_REJECT' | 'PROVINCE_REJECT' | 'CITY_RETURN' | 'PROVINCE_RETURN' | 'REJECT_AFTER_NOTICE' | 'DESIGNATE';
  open: boolean;
}

/** How far each application went, as data; the first applications take these in turn. */
const STORIES: readonly Story[] = [
  { status: Status.DESIGNATED, weight: 0.45, reached: 3, stop: 'DESIGNATE', open: false },
  { status: Status.NOT_DESIGNATED, weight: 0.03, reached: 3, stop: 'REJECT_AFTER_NOTICE', open: false },
  { status: Status.CITY_REJECTED, weight: 0.1, reached: 0, stop: 'CITY_REJECT', open: false },
  { status: Status.PROVINCE_REJECTED, weight: 0.1, reached: 1, stop: 'PROVINCE_REJECT', open: false },
  { status: Status.DRAFT, weight: 0.04, reached: -1, open: true },
  { status: Status.SUBMITTED, weight: 0.07, reached: 0, open: true },
  { status: Status.RETURNED, weight: 0.03, reached: 0, stop: 'CITY_RETURN', open: true },
  { status: Status.RETURNED, weight: 0.02, reached: 1, stop: 'PROVINCE_RETURN', open: true },
  { status: Status.CITY_RECOMMENDED, weight: 0.07, reached: 1, open: true },
  { status: Status.IN_PUBLIC_NOTICE, weight: 0.04, reached: 2, open: true },
];

/** What happens to a designation after it is granted (besides expiring, which the date does). */
type DesignationFate = 'KEEP' | 'VIOLATION' | 'INSPECTION_FAILED' | 'ASSESSMENT_FAILED' | 'CREDIT_RECORD';
const DESIGNATION_FATES: readonly (readonly [DesignationFate, number])[] = [['KEEP', 0.9], ['VIOLATION', 0.03], ['INSPECTION_FAILED', 0.02], ['ASSESSMENT_FAILED', 0.02], ['CREDIT_RECORD', 0.03]];

const PANEL = [
  { name: '王研究员', title: '研究员', organisation: '省中小企业研究院' },
  { name: '李教授', title: '教授', organisation: '省内高校' },
  { name: '赵高工', title: '正高级工程师', organisation: '省工业技术研究院' },
];

interface PlannedDesignation {
  id: string;
  institution: ScaleInstitution;
  applicationId: string;
  campaignYear: number;
  cityCode: string;
  functions: string[];
  designatedOn: string;
  validUntil: string;
  revokedOn: string | null;
  ground: string | null;
  reason: string | null;
  bannedUntil: string | null;
  nationalYear: number | null;
  version: number;
}

const cityCodeOf = (regionCode: string) => cityOf(regionCode)?.code ?? regionCode;
const inForceOn = (d: PlannedDesignation, day: string) => d.designatedOn <= day && day <= d.validUntil && (d.revokedOn === null || d.revokedOn > day);

/** A call's submissions: from late March into September, within the rule set's dates, early enough to be decided by the anchor. */
function campaignDates(programme: PlatformProgramme, year: number): [string, string] {
  return [`${year}-03-20`, minDate(minDate(`${year}-09-30`, programme.submissionsUntil), addDays(ANCHOR_DATE, -130))];
}

export function planPlatforms(seed: string, programme: PlatformProgramme, institutions: readonly ScaleInstitution[], credit: ScaleCreditRecord[]): AreaPlan {
  const name = programme.name;
  const applicants = institutions.filter((i) => i.qualified && i.provinceCode === programme.provinceCode && !i.listedOn && prng(seed, `${name}.participation`, i.index).chance(programme.participation));
  const applicationRows: CopyValue[][] = [];
  const designations: PlannedDesignation[] = [];
  const transitions: Transition[] = [];
  const province = reviewerOf('PROVINCE_REVIEWER', programme.provinceCode);
  const lastCampaign = programme.campaigns[programme.campaigns.length - 1];

  const application = (institution: ScaleInstitution, story: Story, rng: Prng, campaign: number, late = false) => {
    const id = rng.uuid();
    const regionCode = institution.regionCode;
    const cityCode = cityCodeOf(regionCode);
    const applicant = applicantOf(institution.creditCode);
    const city = reviewerOf('CITY_REVIEWER', cityCode);
    // dated from the submission; an open application of the last campaign sits in its final weeks (Ningxia) or at the rule set's end (Shandong)
    const [from, to] = story.open && name === 'ningxia' ? [addDays(ANCHOR_DATE, -75), addDays(ANCHOR_DATE, -50)] : story.open ? [addDays(programme.submissionsUntil, -30), programme.submissionsUntil] : campaignDates(programme, campaign);
    // a late submission of the last call is still designated on the anchor date (Shandong's last ones run to December 2026)
    const submittedOn = dateBetween(rng, late ? addDays(to, -15) : from, to);
    const createdOn = addDays(submittedOn, -rng.int(1, 25));
    const figuresYear = Number(submittedOn.slice(0, 4)) - 1;
    const f = figuresFor(seed, institution, figuresYear);
    const before = figuresFor(seed, institution, figuresYear - 1);
    const serviceStaff = f.fullTimeServiceStaff;
    const declared = {
      figuresYear, totalAssets: f.totalAssets, servedByYear: [{ year: figuresYear - 1, smesServed: before.smesServed }, { year: figuresYear, smesServed: f.smesServed }],
      satisfactionPercent: f.satisfactionRate, aggregatedAgencies: f.partnerAgencies, publicWelfareSharePercent: f.publicWelfareShare,
      serviceStaff, qualifiedServiceStaff: Math.ceil(serviceStaff * (0.82 + rng.next() * 0.15)),
    };
    const chosen = rng.sample(programme.functions, rng.weighted([[1, 0.3], [2, 0.45], [3, 0.25]] as const));
    const functions = chosen.map((t) => ({
      function: t.function, attested: t.attested,
      figures: t.figures.map(([measure, min, max]) => ({ measure, value: measure === M.AMOUNT_FINANCED ? Math.round((min + rng.next() * (max - min)) * 10) / 10 : rng.int(min, max) })),
    }));
    const recognisedYear = Number(submittedOn.slice(0, 4)) - rng.int(1, 3);
    const priorRecognitions = name === 'shandong' || rng.chance(0.5)
      ? [{ kind: 'CITY_PLATFORM', issuer: `${cityOf(regionCode)?.name ?? ''}工业和信息化局`, documentNumber: `示范〔${recognisedYear}〕${rng.int(1, 60)}号`, recognisedOn: `${recognisedYear}-12-01` }]
      : [];
    const row: Record<string, CopyValue> = {
      submitted_on: null, returned_step: null, return_reason: null, city_assessment: null, expert_review: null, on_site_visit: null,
      notice_starts_on: null, notice_ends_on: null, closed_on: null, rejection_reason: null, designation_id: null,
    };
    let status: Status = Status.DRAFT;
    let version = 1;
    let day = createdOn;
    const move = (to: Status, action: string, actor: Actor, on: string, reason: string | null = null) => {
      transitions.push({ recordType: 'PlatformApplication', recordId: id, from: status, to, action, actor, on, reason });
      status = to;
      version++;
      day = on;
    };
    transitions.push({ recordType: 'PlatformApplication', recordId: id, from: null, to: Status.DRAFT, action: 'CREATE', actor: applicant, on: createdOn });
    let designation: PlannedDesignation | null = null;
    if (story.reached >= 0) {
      move(Status.SUBMITTED, 'SUBMIT', applicant, submittedOn);
      row.submitted_on = submittedOn;
      if (story.stop === 'CITY_REJECT') {
        const reason = '测评不合格：服务业绩与申报不符';
        move(Status.CITY_REJECTED, 'CITY_REJECT', city, addDays(day, rng.int(10, 40)), reason);
        Object.assign(row, { rejection_reason: reason, closed_on: day });
      } else if (story.stop === 'CITY_RETURN') {
        const reason = '请补充近两年服务企业名单及满意度调查材料';
        move(Status.RETURNED, 'CITY_RETURN', city, minDate(addDays(day, rng.int(10, 30)), ANCHOR_DATE), reason);
        Object.assign(row, { returned_step: 'CITY', return_reason: reason });
      }
    }
    if (story.reached >= 1) {
      // a few were returned by the city once and resubmitted (the submission date stays the first one)
      if (rng.chance(0.1)) {
        move(Status.RETURNED, 'CITY_RETURN', city, minDate(addDays(day, rng.int(5, 15)), ANCHOR_DATE), '请补充推荐表附件');
        move(Status.SUBMITTED, 'RESUBMIT', applicant, minDate(addDays(day, rng.int(3, 10)), ANCHOR_DATE));
      }
      const recommendedOn = minDate(addDays(day, rng.int(10, 35)), ANCHOR_DATE);
      const opinion = '测评合格，同意推荐';
      row.city_assessment = { findings: programme.assessmentItems.map((item) => ({ item, finding: rng.pick(['运行规范，情况良好', '服务业绩突出', '企业满意度较高']) })), opinion, recommendedOn };
      move(Status.CITY_RECOMMENDED, 'CITY_APPROVE', city, recommendedOn, null);
      if (story.reached >= 2 || story.stop === 'PROVINCE_REJECT' || (story.reached === 1 && story.open && rng.chance(0.5))) {
        const reviewedOn = minDate(addDays(day, rng.int(15, 40)), ANCHOR_DATE);
        const recommended = story.stop !== 'PROVINCE_REJECT';
        row.expert_review = {
          panel: rng.sample(PANEL, rng.int(2, 3)), score: recommended ? rng.int(75, 96) : rng.int(40, 68),
          opinion: recommended ? '服务功能完善，建议认定' : '服务业绩不足，不建议认定', recordedBy: expertOf(`${name}-${campaign}`).id, reviewedOn, recommended,
        };
        version++;
        if (programme.visitsAlways || rng.chance(0.5)) {
          row.on_site_visit = { visitedOn: reviewedOn, visitors: '省工信厅中小企业处', findings: '场地、人员与申报一致', confirmed: true, recordedBy: province.id };
          version++;
        }
        day = reviewedOn;
      }
      if (story.stop === 'PROVINCE_REJECT') {
        const reason = '专家评审未通过';
        move(Status.PROVINCE_REJECTED, 'PROVINCE_REJECT', province, day, reason);
        Object.assign(row, { rejection_reason: reason, closed_on: day });
      } else if (story.stop === 'PROVINCE_RETURN') {
        const reason = '请补充服务功能佐证材料';
        move(Status.RETURNED, 'PROVINCE_RETURN', province, minDate(addDays(day, rng.int(5, 20)), ANCHOR_DATE), reason);
        Object.assign(row, { returned_step: 'PROVINCE', return_reason: reason });
      }
    }
    if (story.reached >= 2) {
      const startsOn = story.open && name === 'ningxia' ? maxDate(day, dateBetween(rng, addDays(ANCHOR_DATE, -8), ANCHOR_DATE)) : day;
      const endsOn = addWorkingDays(startsOn, 5);
      Object.assign(row, { notice_starts_on: startsOn, notice_ends_on: endsOn });
      move(Status.IN_PUBLIC_NOTICE, 'PROVINCE_APPROVE', province, startsOn, `公示至 ${endsOn}（${programme.abbreviation} ${programme.noticeArticle}）`);
      if (story.stop === 'DESIGNATE') {
        const designatedOn = addDays(endsOn, rng.int(1, 7));
        const designationId = rng.uuid();
        const validUntil = designationValidUntil(designatedOn, 3);
        designation = {
          id: designationId, institution, applicationId: id, campaignYear: campaign, cityCode, functions: functions.map((x) => x.function), designatedOn, validUntil,
          revokedOn: null, ground: null, reason: null, bannedUntil: null, nationalYear: null, version: 1,
        };
        Object.assign(row, { closed_on: designatedOn, designation_id: designationId });
        move(Status.DESIGNATED, 'DESIGNATE', province, designatedOn, null);
      } else if (story.stop === 'REJECT_AFTER_NOTICE') {
        const on = addDays(endsOn, rng.int(1, 7));
        const reason = '公示期间收到异议，经核查属实，不予认定';
        move(Status.NOT_DESIGNATED, 'REJECT_AFTER_NOTICE', province, on, reason);
        Object.assign(row, { rejection_reason: reason, closed_on: on });
      }
    }
    applicationRows.push([
      id, institution.id, regionCode, cityCode, story.reached >= 0 ? Number(submittedOn.slice(0, 4)) : Number(createdOn.slice(0, 4)), story.reached >= 0 ? programme.ruleSetId : null,
      status, declared, functions, priorRecognitions, institution.contactPerson, institution.contactPhone, row.submitted_on, row.returned_step, row.return_reason,
      row.city_assessment, row.expert_review, row.on_site_visit, row.notice_starts_on, row.notice_ends_on, row.closed_on, row.rejection_reason, row.designation_id,
      timestampOn(createdOn, 15), timestampOn(day, 450), version,
    ]);
    return designation;
  };

  for (const [k, institution] of applicants.entries()) {
    institution.programmes.push(name);
    const rng = prng(seed, `${name}.application`, institution.index);
    const story = k < STORIES.length ? STORIES[k] : rng.weighted(STORIES.map((s) => [s, s.weight] as const));
    const closedCampaigns = programme.campaigns.filter((y) => `${y}-03-20` <= addDays(ANCHOR_DATE, -150));
    // the first designated platform is one of the last call's late submissions, so a designation in force appears in any data set
    const late = k === 0;
    const campaign = story.open ? lastCampaign : late ? closedCampaigns[closedCampaigns.length - 1] : rng.pick(closedCampaigns);
    // one in ten was turned down by its city in an earlier round
    const earlier = programme.campaigns.filter((y) => y < campaign);
    if (earlier.length && rng.chance(0.1)) application(institution, STORIES[2], rng, rng.pick(earlier));
    const designation = application(institution, story, rng, campaign, late);
    if (designation) designations.push(designation);
  }

  const management = manageDesignations(seed, programme, designations, credit, transitions);
  const tables: TableLoad[] = [
    builtTable(name, 'applications',
      ['id', 'institution_id', 'region_code', 'city_code', 'campaign_year', 'rule_set_id', 'status', 'declared', 'functions', 'prior_recognitions', 'contact_person',
        'contact_phone', 'submitted_on', 'returned_step', 'return_reason', 'city_assessment', 'expert_review', 'on_site_visit', 'notice_starts_on', 'notice_ends_on',
        'closed_on', 'rejection_reason', 'designation_id', 'created_at', 'updated_at', 'version'],
      applicationRows),
    builtTable(name, 'designations',
      ['id', 'institution_id', 'application_id', 'rule_set_id', 'campaign_year', 'region_code', 'city_code', 'functions', 'designated_on', 'valid_until', 'revoked_on',
        'revocation_ground', 'revocation_reason', 'application_banned_until', 'national_recommendation_year', 'created_at', 'version'],
      designations.map((d) => [
        d.id, d.institution.id, d.applicationId, programme.ruleSetId, d.campaignYear, d.institution.regionCode, d.cityCode, textArray(d.functions), d.designatedOn, d.validUntil,
        d.revokedOn, d.ground, d.reason, d.bannedUntil, d.nationalYear, timestampOn(d.designatedOn, 460), d.version,
      ])),
    ...management,
  ];
  return { tables, transitions: { [name]: transitions } };
}

/**
 * After the designation: inspections (a failed one may ask for revocation in Shandong), yearly summaries (鲁 第二十六条,
 * 宁 第十六条), in Ningxia the performance assessment (宁 第十九条) and the cities' reports (宁 第十八条), and revocations.
 */
function manageDesignations(seed: string, programme: PlatformProgramme, designations: PlannedDesignation[], credit: ScaleCreditRecord[], transitions: Transition[]): TableLoad[] {
  const name = programme.name;
  const province = reviewerOf('PROVINCE_REVIEWER', programme.provinceCode);
  const inspections: CopyValue[][] = [];
  const summaries: CopyValue[][] = [];
  const assessments: CopyValue[][] = [];
  const designationTransitions: Transition[] = [];
  const fates = new Map<string, DesignationFate>();
  // the first designations able to carry each fate take them in turn, so each revocation ground appears
  const possible = (fate: DesignationFate, d: PlannedDesignation) => {
    const span = addDays(minDate(d.validUntil, ANCHOR_DATE), -60) > addDays(d.designatedOn, 60);
    if (!span) return fate === 'KEEP';
    if (fate === 'INSPECTION_FAILED') return programme.inspectionMayRequest;
    if (fate === 'ASSESSMENT_FAILED') return programme.assessments && d.designatedOn <= '2025-06-30' && d.validUntil >= '2026-04-30';
    if (fate === 'CREDIT_RECORD') return d.institution.programmes.length === 1;
    return true;
  };
  // one left to expire on its own day, then each fate
  const expiring = designations.find((d) => d.validUntil < ANCHOR_DATE);
  if (expiring) fates.set(expiring.id, 'KEEP');
  for (const [fate] of DESIGNATION_FATES) {
    const d = designations.find((x) => !fates.has(x.id) && possible(fate, x));
    if (d) fates.set(d.id, fate);
  }
  for (const d of designations) {
    const rng = prng(seed, `${name}.designation`, d.id);
    const drawn = fates.get(d.id) ?? rng.weighted(DESIGNATION_FATES);
    const fate = possible(drawn, d) ? drawn : 'KEEP';
    designationTransitions.push({
      recordType: 'DemonstrationPlatform', recordId: d.id, from: null, to: 'DESIGNATED', action: 'DESIGNATE', actor: province, on: d.designatedOn,
      reason: `${programme.platformTitle}（${programme.abbreviation} ${programme.designationArticle}），有效期至 ${d.validUntil}`,
    });
    const lastDay = minDate(d.validUntil, ANCHOR_DATE);
    const revoke = (on: string, ground: DesignationFate, reason: string, actor: Actor) => {
      d.revokedOn = on;
      d.ground = ground;
      d.reason = reason;
      d.bannedUntil = programme.revocationBanYears && ground !== 'ASSESSMENT_FAILED' ? addYears(on, programme.revocationBanYears) : null;
      d.version++;
      designationTransitions.push({ recordType: 'DemonstrationPlatform', recordId: d.id, from: 'DESIGNATED', to: 'REVOKED', action: `REVOKE_${ground}`, actor, on, reason });
    };
    const city = reviewerOf('CITY_REVIEWER', d.cityCode);
    if (fate === 'VIOLATION') {
      revoke(dateBetween(rng, addDays(d.designatedOn, 60), addDays(lastDay, -30)), 'VIOLATION', `虚报服务业绩，经核查属实（${programme.abbreviation} ${programme.revocationArticle}）`, province);
    }
    if (fate === 'CREDIT_RECORD') {
      const kind = rng.weighted(CREDIT_KINDS.map((k) => [k.kind, k.share] as const));
      const record = creditRecord(rng, d.institution, kind, dateBetween(rng, addDays(d.designatedOn, 60), addDays(lastDay, -30)), null);
      credit.push(record);
      d.institution.listedOn = record.listedOn;
      revoke(record.createdOn, 'CREDIT_RECORD', `${CREDIT_RECORD_KIND_NAMES_ZH[kind]}（${record.source}，${record.listedOn} 列入），依${programme.abbreviation} ${programme.revocationArticle}撤销`, systemOf(`${name}-credit-watch`));
    }
    // city inspections while the designation is in force; Shandong's failed ones may ask for revocation
    const inspectionCount = fate === 'INSPECTION_FAILED' ? 1 : rng.chance(0.3) ? rng.int(1, 2) : 0;
    for (let i = 0; i < inspectionCount; i++) {
      const until = d.revokedOn ? addDays(d.revokedOn, -1) : lastDay;
      if (until < d.designatedOn) break;
      const inspectedOn = dateBetween(rng, d.designatedOn, fate === 'INSPECTION_FAILED' ? addDays(until, -20) : until);
      const failed = fate === 'INSPECTION_FAILED' || rng.chance(0.08);
      let request: string | null = null;
      let decidedOn: string | null = null;
      let decision: string | null = null;
      if (failed && programme.inspectionMayRequest && (fate === 'INSPECTION_FAILED' || rng.chance(0.5))) {
        if (fate === 'INSPECTION_FAILED') {
          request = 'UPHELD';
          decidedOn = addDays(inspectedOn, rng.int(5, 20));
          decision = '检查不合格情况属实，撤销认定';
          revoke(decidedOn, 'INSPECTION_FAILED', `${decision}（${programme.abbreviation} 第二十五条）`, province);
        } else if (rng.chance(0.5) || addDays(inspectedOn, 20) > lastDay) {
          request = 'PENDING';
        } else {
          request = 'DISMISSED';
          decidedOn = addDays(inspectedOn, rng.int(5, 20));
          decision = '整改到位，不予撤销';
        }
      }
      inspections.push([
        rng.uuid(), d.id, d.cityCode, inspectedOn, failed ? '服务台账不完整，部分服务业绩无法核实' : '运行规范，服务台账完整', !failed, request, decidedOn, decision,
        city.id, timestampOn(inspectedOn, 330), request && request !== 'PENDING' ? 2 : 1,
      ]);
    }
    // 宁 第十九条: each year the designation spanned, rated the next spring; excellent → national programme, failing → revoked that day
    if (programme.assessments) {
      for (let year = Math.max(2022, Number(d.designatedOn.slice(0, 4))); year <= 2025; year++) {
        const assessedOn = dateBetween(rng, `${year + 1}-03-01`, `${year + 1}-04-30`);
        const spanned = d.designatedOn <= `${year}-12-31` && d.validUntil >= `${year}-01-01` && (d.revokedOn === null || d.revokedOn > `${year}-01-01`);
        if (!spanned || assessedOn > ANCHOR_DATE || (d.revokedOn !== null && d.revokedOn <= assessedOn)) continue;
        const inForce = inForceOn(d, assessedOn);
        const fail = fate === 'ASSESSMENT_FAILED' && inForce && year === 2025;
        const rating = fail ? 'FAIL' : rng.weighted([['EXCELLENT', 0.15], ['GOOD', 0.5], ['PASS', 0.35]] as const);
        assessments.push([rng.uuid(), d.id, year, rating, fail ? '服务绩效考核不合格' : '服务绩效考核意见', assessedOn, province.id, timestampOn(assessedOn, 360)]);
        if (rating === 'EXCELLENT') {
          d.nationalYear = year;
          d.version++;
        }
        if (fail) revoke(assessedOn, 'ASSESSMENT_FAILED', `${year} 年度服务绩效考核不合格：服务绩效考核不合格（${programme.abbreviation} 第十九条）`, province);
      }
    }
    // 鲁 第二十六条, 宁 第十六条: a summary for each year the platform was designated on its 31 December
    for (let year = Number(d.designatedOn.slice(0, 4)); year <= 2025; year++) {
      const dueOn = `${year}-12-31`;
      if (!inForceOn(d, dueOn)) continue;
      const how = rng.weighted([['ON_TIME', 0.85], ['LATE', 0.08], ['MISSING', 0.07]] as const);
      if (how === 'MISSING') continue;
      const filedOn = how === 'ON_TIME' ? dateBetween(rng, `${year}-12-01`, dueOn) : minDate(dateBetween(rng, `${year + 1}-01-02`, `${year + 1}-02-28`), ANCHOR_DATE);
      summaries.push([
        rng.uuid(), d.id, year, dueOn, filedOn, filedOn > dueOn, `${year} 年服务中小企业情况、公益服务开展情况总结`, programme.summaryAsksPlan ? `${year + 1} 年工作打算` : null,
        applicantOf(d.institution.creditCode).id, timestampOn(filedOn, 380),
      ]);
    }
  }
  // 宁 第十八条: each city's report on the year, due the end of the next February
  const cityReports: CopyValue[][] = [];
  if (programme.cityReports) {
    const rng = prng(seed, `${name}.city_reports`);
    for (const city of allRegions().filter((r) => r.provinceCode === programme.provinceCode && r.level === 'CITY')) {
      for (let year = 2022; year <= 2025; year++) {
        const dueOn = addDays(`${year + 1}-03-01`, -1);
        const how = rng.weighted([['ON_TIME', 0.8], ['LATE', 0.1], ['MISSING', 0.1]] as const);
        if (how === 'MISSING') continue;
        const filedOn = how === 'ON_TIME' ? dateBetween(rng, `${year + 1}-01-15`, dueOn) : dateBetween(rng, addDays(dueOn, 1), `${year + 1}-04-30`);
        cityReports.push([
          rng.uuid(), city.code, year, dueOn, filedOn, filedOn > dueOn, `${year} 年示范平台工作总结汇总报告`, `${year} 年示范平台检查情况报告`,
          reviewerOf('CITY_REVIEWER', city.code).id, timestampOn(filedOn, 390),
        ]);
      }
    }
  }
  for (const t of designationTransitions) transitions.push(t);
  return [
    builtTable(name, 'inspections',
      ['id', 'designation_id', 'city_code', 'inspected_on', 'findings', 'passed', 'request_status', 'request_decided_on', 'request_decision_reason', 'recorded_by', 'recorded_at', 'version'],
      inspections),
    builtTable(name, 'annual_summaries', ['id', 'designation_id', 'year', 'due_on', 'filed_on', 'late', 'summary', 'next_year_plan', 'filed_by', 'recorded_at'], summaries),
    builtTable(name, 'city_reports', ['id', 'city_code', 'year', 'due_on', 'filed_on', 'late', 'summary_report', 'inspection_report', 'filed_by', 'recorded_at'], cityReports),
    builtTable(name, 'performance_assessments', ['id', 'designation_id', 'year', 'rating', 'comments', 'assessed_on', 'assessed_by', 'recorded_at'], assessments),
  ];
}
