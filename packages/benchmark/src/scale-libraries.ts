import { findRegion } from '@sme/kernel';
import { GUIDELINE_RULES, LibraryApplicationStatus as Status, LibraryCategory, MATERIALS, ServiceNature } from '@sme/resource-library';
import { prng, type Prng } from './scale-prng';
import { ANCHOR_DATE, dateBetween, timestampOn, addDays, addWorkingDays } from './scale-timeline';
import { figuresFor, type ScaleCreditRecord, type ScaleInstitution } from './scale-registry';
import { recommendingUnitOf } from './scale-regions';
import { applicantOf, reviewerOf, systemOf, type Actor, type Transition } from './scale-status-history';
import { builtTable, type TableLoad } from './scale-tables';
import { textArray, type CopyValue } from './copy-format';
import { planMembers, type AdmittedMember } from './scale-library-members';
import type { AreaPlan } from './scale-plan';

/**
 * The two provincial resource libraries (SPEC §3): applications in every status of 第八条, their materials, spot
 * checks and objections, and the members they admitted with every duty those members have (scale-library-members).
 * Each province's configuration, as the subgraphs configure the shared engine.
 */
export interface LibraryProgramme {
  name: 'shanxi' | 'hebei';
  provinceCode: string;
  abbreviation: string;
  /** 第九条: Shanxi ten categories, Hebei nine (no 合规管理). */
  categories: readonly LibraryCategory[];
  /** 河北 第十三条（二）: appointments handled within 5 working days; Shanxi has no such duty. */
  appointmentWorkingDays: number | null;
  /** Share of the province's qualified institutions that apply. */
  participation: number;
}

export const LIBRARY_PROGRAMMES: readonly LibraryProgramme[] = [
  { name: 'shanxi', provinceCode: '140000', abbreviation: '晋', categories: Object.values(LibraryCategory), appointmentWorkingDays: null, participation: 0.6 },
  { name: 'hebei', provinceCode: '130000', abbreviation: '冀', categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE), appointmentWorkingDays: 5, participation: 0.6 },
];

export const RULES = GUIDELINE_RULES;

type Step = 'COUNTY' | 'CITY' | 'PROVINCE';

/**
 * How far each application went, as data: the steps it passed, where it stopped and how. The first applications
 * of a province take these in turn, so every status appears even in a small data set; the rest draw by weight.
 */
interface Story {
  status: Status;
  weight: number;
  passed: Step[];
  /** The step that rejected or returned it, when that is how it stopped. */
  stoppedAt?: { step: Step; action: 'REJECT' | 'RETURN' };
  /** Still open on the anchor date: dated in the current round. */
  open: boolean;
}

const STORIES: readonly Story[] = [
  { status: Status.ADMITTED, weight: 0.55, passed: ['COUNTY', 'CITY', 'PROVINCE'], open: false },
  { status: Status.OBJECTION_UPHELD, weight: 0.02, passed: ['COUNTY', 'CITY', 'PROVINCE'], open: false },
  { status: Status.COUNTY_REJECTED, weight: 0.07, passed: [], stoppedAt: { step: 'COUNTY', action: 'REJECT' }, open: false },
  { status: Status.CITY_REJECTED, weight: 0.05, passed: ['COUNTY'], stoppedAt: { step: 'CITY', action: 'REJECT' }, open: false },
  { status: Status.PROVINCE_REJECTED, weight: 0.05, passed: ['COUNTY', 'CITY'], stoppedAt: { step: 'PROVINCE', action: 'REJECT' }, open: false },
  { status: Status.DRAFT, weight: 0.04, passed: [], open: true },
  { status: Status.SUBMITTED, weight: 0.05, passed: [], open: true },
  { status: Status.RETURNED, weight: 0.02, passed: [], stoppedAt: { step: 'COUNTY', action: 'RETURN' }, open: true },
  { status: Status.RETURNED, weight: 0.01, passed: ['COUNTY'], stoppedAt: { step: 'CITY', action: 'RETURN' }, open: true },
  { status: Status.RETURNED, weight: 0.01, passed: ['COUNTY', 'CITY'], stoppedAt: { step: 'PROVINCE', action: 'RETURN' }, open: true },
  { status: Status.COUNTY_APPROVED, weight: 0.04, passed: ['COUNTY'], open: true },
  { status: Status.CITY_RECOMMENDED, weight: 0.04, passed: ['COUNTY', 'CITY'], open: true },
  { status: Status.PROVINCE_APPROVED, weight: 0.02, passed: ['COUNTY', 'CITY', 'PROVINCE'], open: true },
  { status: Status.IN_PUBLIC_NOTICE, weight: 0.03, passed: ['COUNTY', 'CITY', 'PROVINCE'], open: true },
];

const WAITING: Record<Step, Status> = { COUNTY: Status.SUBMITTED, CITY: Status.COUNTY_APPROVED, PROVINCE: Status.CITY_RECOMMENDED };
const APPROVED: Record<Step, Status> = { COUNTY: Status.COUNTY_APPROVED, CITY: Status.CITY_RECOMMENDED, PROVINCE: Status.PROVINCE_APPROVED };
const REJECTED: Record<Step, Status> = { COUNTY: Status.COUNTY_REJECTED, CITY: Status.CITY_REJECTED, PROVINCE: Status.PROVINCE_REJECTED };
const STEPS: readonly Step[] = ['COUNTY', 'CITY', 'PROVINCE'];

/** What reviewers write, per step and action. */
const OPINIONS: Record<Step, readonly string[]> = {
  COUNTY: ['材料真实完整，同意上报', '经核实，符合入库条件，同意上报', '服务业绩属实，同意推荐至市级'],
  CITY: ['服务业绩突出，同意推荐', '经初审，符合条件，同意推荐', '服务能力较强，同意推荐入库'],
  PROVINCE: ['审核通过', '经审核，符合入库条件', '同意列入拟入库名单'],
};
const REJECTIONS: Record<Step, readonly string[]> = {
  COUNTY: ['近一年服务中小企业数量不足 100 家，不符合第六条（六）', '服务场所面积证明材料与实际不符', '合作专家协议未能提供原件'],
  CITY: ['服务业绩佐证材料不充分', '点对点服务企业名单无法核实', '审计报告与申报数据不一致'],
  PROVINCE: ['经专家评审，服务能力与申报类别不匹配', '实地抽查发现服务场所与申报不符', '近两年服务业绩下滑明显'],
};
const RETURNS: readonly string[] = ['请补充上年度合作专家协议扫描件', '请更正服务场所面积并附不动产权证书', '请补充近两年服务企业名单及联系方式', '申请表未加盖公章，请重新上传'];
const OBJECTIONS: readonly string[] = ['反映该机构部分服务收费高于公示标准', '反映申报的服务案例存在夸大', '反映该机构服务场所已搬迁'];

const DECLARED_FIELDS = ['seniorExperts', 'relatedExperts', 'partnerAgencies', 'floorAreaOwned', 'floorAreaRented', 'totalAssets', 'smesServed', 'pointToPointServed'] as const;

/** One application, decided: its dates, its rows and its history. */
interface PlannedApplication {
  id: string;
  institution: ScaleInstitution;
  status: Status;
  categories: LibraryCategory[];
  nature: ServiceNature;
  createdOn: string;
  transitions: Transition[];
  row: Record<string, string | number | null>;
  /** 第八条（四）: the notice, for objections and admission. */
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  cityRecommendedOn: string | null;
  provinceDecidedOn: string | null;
  lastChangeOn: string;
}

/** Calendar days between the steps, drawn per application. */
const gap = (rng: Prng, min: number, max: number) => rng.int(min, max);

function countyActor(regionCode: string): Actor {
  return findRegion(regionCode)?.level === 'COUNTY' ? reviewerOf('COUNTY_REVIEWER', regionCode) : reviewerOf('CITY_REVIEWER', regionCode);
}

/**
 * The dated path of one application: created, submitted, each step passed (with an occasional return and
 * resubmission on the way), then how it stopped. Built from its last date backwards, so a closed application ends
 * by the anchor and an open one is in the current round.
 */
function planApplication(programme: LibraryProgramme, institution: ScaleInstitution, story: Story, rng: Prng, endBy: string | null): PlannedApplication {
  const id = rng.uuid();
  const regionCode = institution.regionCode;
  const unitCode = recommendingUnitOf(regionCode);
  const applicant = applicantOf(institution.creditCode);
  const actors: Record<Step, Actor> = { COUNTY: countyActor(regionCode), CITY: reviewerOf('CITY_REVIEWER', unitCode), PROVINCE: reviewerOf('PROVINCE_REVIEWER', programme.provinceCode) };
  const passedCount = story.passed.length;
  const returnedOnTheWay = passedCount > 0 && rng.chance(0.12) ? rng.pick(story.passed) : null;

  // the day of the last dated step (before the notice, which is counted forward in working days)
  const lastStepOn = story.open
    ? dateBetween(rng, addDays(ANCHOR_DATE, story.status === Status.IN_PUBLIC_NOTICE ? -4 : -40), ANCHOR_DATE)
    : dateBetween(rng, '2022-05-15', addDays(endBy ?? ANCHOR_DATE, story.status === Status.ADMITTED || story.status === Status.OBJECTION_UPHELD ? -20 : -1));
  const gaps = { submit: gap(rng, 0, 20), review: STEPS.map(() => gap(rng, 3, 20)), ret: gap(rng, 5, 15), notice: gap(rng, 1, 8) };
  // walk back from the last step to the creation date
  const stepsDated = story.passed.length + (story.stoppedAt ? 1 : 0);
  let back = 0;
  if (story.status === Status.IN_PUBLIC_NOTICE || story.status === Status.ADMITTED || story.status === Status.OBJECTION_UPHELD) back += gaps.notice;
  for (let i = 0; i < stepsDated; i++) back += gaps.review[i];
  if (returnedOnTheWay) back += gaps.ret + gaps.review[story.passed.indexOf(returnedOnTheWay)];
  back += story.status === Status.DRAFT ? 0 : gaps.submit;
  const createdOn = addDays(lastStepOn, -back);

  const transitions: Transition[] = [];
  let status: Status = Status.DRAFT;
  let version = 1;
  const row: Record<string, string | number | null> = {
    submitted_on: null, returned_step: null, return_reason: null, rejection_reason: null, county_reviewed_on: null, city_recommended_on: null,
    city_opinion: null, province_decided_on: null, notice_starts_on: null, notice_ends_on: null, closed_on: null, member_id: null,
  };
  const move = (to: Status, action: string, actor: Actor, on: string, reason: string | null = null) => {
    transitions.push({ recordType: 'LibraryApplication', recordId: id, from: status, to, action, actor, on, reason });
    status = to;
    version++;
  };
  transitions.push({ recordType: 'LibraryApplication', recordId: id, from: null, to: Status.DRAFT, action: 'CREATE', actor: applicant, on: createdOn });
  let day = createdOn;
  const stepDate = (step: Step, on: string) => {
    if (step === 'COUNTY') row.county_reviewed_on = on;
    if (step === 'CITY') row.city_recommended_on = on;
    if (step === 'PROVINCE') row.province_decided_on = on;
  };
  if (story.status !== Status.DRAFT) {
    day = addDays(day, gaps.submit);
    move(Status.SUBMITTED, 'SUBMIT', applicant, day);
    row.submitted_on = day;
    for (const [i, step] of story.passed.entries()) {
      if (returnedOnTheWay === step) {
        day = addDays(day, gaps.review[i]);
        const reason = rng.pick(RETURNS);
        move(Status.RETURNED, `${step}_RETURN`, actors[step], day, reason);
        stepDate(step, day);
        day = addDays(day, gaps.ret);
        move(WAITING[step], 'RESUBMIT', applicant, day);
        row.submitted_on = day; // a resubmission is the application's latest submission
      }
      day = addDays(day, gaps.review[i]);
      const opinion = rng.pick(OPINIONS[step]);
      move(APPROVED[step], `${step}_APPROVE`, actors[step], day, opinion);
      stepDate(step, day);
      if (step === 'CITY') row.city_opinion = opinion;
    }
    if (story.stoppedAt) {
      const { step, action } = story.stoppedAt;
      day = addDays(day, gaps.review[passedCount]);
      stepDate(step, day);
      if (action === 'REJECT') {
        const reason = rng.pick(REJECTIONS[step]);
        move(REJECTED[step], `${step}_REJECT`, actors[step], day, reason);
        row.rejection_reason = reason;
        row.closed_on = day;
      } else {
        const reason = rng.pick(RETURNS);
        move(Status.RETURNED, `${step}_RETURN`, actors[step], day, reason);
        row.returned_step = step;
        row.return_reason = reason;
      }
    }
  }
  let noticeStartsOn: string | null = null;
  let noticeEndsOn: string | null = null;
  if (story.status === Status.IN_PUBLIC_NOTICE || story.status === Status.ADMITTED || story.status === Status.OBJECTION_UPHELD) {
    noticeStartsOn = addDays(day, gaps.notice);
    noticeEndsOn = addWorkingDays(noticeStartsOn, RULES.noticeWorkingDays);
    move(Status.IN_PUBLIC_NOTICE, 'START_PUBLIC_NOTICE', actors.PROVINCE, noticeStartsOn, `公示至 ${noticeEndsOn}`);
    row.notice_starts_on = noticeStartsOn;
    row.notice_ends_on = noticeEndsOn;
    day = noticeStartsOn;
  }
  const categories = rng.sample(programme.categories, rng.weighted([[1, 0.5], [2, 0.35], [3, 0.15]] as const));
  return {
    id, institution, status, categories, nature: rng.chance(0.4) ? ServiceNature.PUBLIC_WELFARE : ServiceNature.COMMERCIAL, createdOn, transitions,
    row: { ...row, version }, noticeStartsOn, noticeEndsOn, cityRecommendedOn: row.city_recommended_on as string | null,
    provinceDecidedOn: row.province_decided_on as string | null, lastChangeOn: day,
  };
}

/** Objections of the notice: upheld (the application ends), dismissed (admitted after the last dismissal), or pending (holds the admission). */
interface PlannedObjection {
  applicationId: string;
  receivedOn: string;
  summary: string;
  status: 'PENDING' | 'UPHELD' | 'DISMISSED';
  decidedOn: string | null;
  reason: string | null;
}

/**
 * One province's library: who applies, how far each application goes, the members admitted and all they did.
 * Credit removals add the registry's records to `credit`; institutions taking part are marked in `programmes`.
 */
export function planLibrary(seed: string, programme: LibraryProgramme, institutions: readonly ScaleInstitution[], credit: ScaleCreditRecord[]): AreaPlan {
  const name = programme.name;
  const applicants = institutions.filter((i) => i.qualified && i.provinceCode === programme.provinceCode && !i.listedOn && prng(seed, `${name}.participation`, i.index).chance(programme.participation));
  const applications: PlannedApplication[] = [];
  const objections: PlannedObjection[] = [];
  const admitted: AdmittedMember[] = [];
  const schedule = systemOf(`${name}-schedule`);
  for (const [k, institution] of applicants.entries()) {
    institution.programmes.push(name);
    const rng = prng(seed, `${name}.application`, institution.index);
    const story = k < STORIES.length ? STORIES[k] : rng.weighted(STORIES.map((s) => [s, s.weight] as const));
    const application = planApplication(programme, institution, story, rng, null);
    // one in ten admitted members had been turned down before: its first application closed well before the second began
    if (story.status === Status.ADMITTED && rng.chance(0.1) && application.createdOn > '2023-03-01') {
      const earlier = planApplication(programme, institution, rng.pick(STORIES.filter((s) => s.status.endsWith('_REJECTED'))), rng, addDays(application.createdOn, -60));
      applications.push(earlier);
    }
    applications.push(application);
    const province = reviewerOf('PROVINCE_REVIEWER', programme.provinceCode);
    if (story.status === Status.OBJECTION_UPHELD) {
      const receivedOn = dateBetween(rng, application.noticeStartsOn!, application.noticeEndsOn!);
      const decidedOn = dateBetween(rng, receivedOn, addDays(application.noticeEndsOn!, 5));
      const reason = '经核查，异议反映情况属实';
      objections.push({ applicationId: application.id, receivedOn, summary: rng.pick(OBJECTIONS), status: 'UPHELD', decidedOn, reason });
      application.transitions.push({ recordType: 'LibraryApplication', recordId: application.id, from: Status.IN_PUBLIC_NOTICE, to: Status.OBJECTION_UPHELD, action: 'UPHOLD_OBJECTION', actor: province, on: decidedOn, reason });
      Object.assign(application.row, { rejection_reason: reason, closed_on: decidedOn, version: (application.row.version as number) + 1 });
      application.status = Status.OBJECTION_UPHELD;
      application.lastChangeOn = decidedOn;
    }
    if (story.status === Status.IN_PUBLIC_NOTICE && rng.chance(0.15)) {
      objections.push({ applicationId: application.id, receivedOn: dateBetween(rng, application.noticeStartsOn!, ANCHOR_DATE), summary: rng.pick(OBJECTIONS), status: 'PENDING', decidedOn: null, reason: null });
    }
    if (story.status === Status.ADMITTED) {
      // 第八条（四）: admitted the day after the notice, or on the day the last objection is dismissed
      let admittedOn = addDays(application.noticeEndsOn!, 1);
      if (rng.chance(0.04)) {
        const receivedOn = dateBetween(rng, application.noticeStartsOn!, application.noticeEndsOn!);
        const decidedOn = dateBetween(rng, receivedOn, addDays(application.noticeEndsOn!, 6));
        objections.push({ applicationId: application.id, receivedOn, summary: rng.pick(OBJECTIONS), status: 'DISMISSED', decidedOn, reason: '经核查，异议反映情况不属实' });
        if (decidedOn > admittedOn) admittedOn = decidedOn;
      }
      const memberId = rng.uuid();
      application.transitions.push({ recordType: 'LibraryApplication', recordId: application.id, from: Status.IN_PUBLIC_NOTICE, to: Status.ADMITTED, action: 'ADMIT', actor: schedule, on: admittedOn });
      Object.assign(application.row, { closed_on: admittedOn, member_id: memberId, version: (application.row.version as number) + 1 });
      application.status = Status.ADMITTED;
      application.lastChangeOn = admittedOn;
      admitted.push({ id: memberId, index: admitted.length, application: { id: application.id, categories: application.categories, nature: application.nature }, institution, admittedOn });
    }
  }

  const members = planMembers(seed, programme, admitted, credit);
  const tables: TableLoad[] = [
    builtTable(name, 'applications',
      ['id', 'institution_id', 'region_code', 'unit_code', 'status', 'categories', 'nature', 'declared', 'attestations', 'submitted_on', 'returned_step', 'return_reason',
        'rejection_reason', 'county_reviewed_on', 'city_recommended_on', 'city_opinion', 'province_decided_on', 'notice_starts_on', 'notice_ends_on', 'closed_on',
        'member_id', 'created_at', 'updated_at', 'version'],
      applications.map((a) => {
        // 第六条（四）（六）: the figures of the year before the application, as the registry holds them
        const year = Number((a.row.submitted_on as string | null ?? a.createdOn).slice(0, 4)) - 1;
        const figures = figuresFor(seed, a.institution, year) as unknown as Record<string, number>;
        const declared = { year, ...Object.fromEntries(DECLARED_FIELDS.map((f) => [f, figures[f]])) };
        const r = a.row;
        return [
          a.id, a.institution.id, a.institution.regionCode, recommendingUnitOf(a.institution.regionCode), a.status, textArray(a.categories), a.nature, declared,
          { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true },
          r.submitted_on, r.returned_step, r.return_reason, r.rejection_reason, r.county_reviewed_on, r.city_recommended_on, r.city_opinion, r.province_decided_on,
          r.notice_starts_on, r.notice_ends_on, r.closed_on, r.member_id, timestampOn(a.createdOn, 10), timestampOn(a.lastChangeOn, 400), r.version,
        ];
      })),
    materialsTable(seed, name, applications),
    spotChecksTable(seed, programme, applications),
    builtTable(name, 'objections', ['id', 'application_id', 'received_on', 'summary', 'status', 'decided_on', 'decision_reason', 'version'], (() => {
      const ids = prng(seed, `${name}.objections`);
      return objections.map((o) => [ids.uuid(), o.applicationId, o.receivedOn, o.summary, o.status, o.decidedOn, o.reason, o.status === 'PENDING' ? 1 : 2]);
    })()),
    ...members.tables,
  ];
  return { tables, transitions: { [name]: [...applications.flatMap((a) => a.transitions), ...members.transitions] } };
}


/** 第七条: every required item attached before submission (a draft has some of them); one file per item. */
function materialsTable(seed: string, schema: string, applications: readonly PlannedApplication[]): TableLoad {
  const rows: CopyValue[][] = [];
  for (const a of applications) {
    const rng = prng(seed, `${schema}.materials`, a.id);
    const items = MATERIALS.filter((m) => m.required || rng.chance(0.3));
    const attached = a.status === Status.DRAFT ? items.slice(0, rng.int(0, items.length)) : items;
    for (const m of attached) {
      rows.push([rng.uuid(), a.id, m.item, `${m.item.toLowerCase()}.pdf`, 'application/pdf', rng.int(80_000, 6_000_000), rng.hex(64), timestampOn(a.createdOn, 20 + rows.length % 300)]);
    }
  }
  return builtTable(schema, 'application_materials', ['id', 'application_id', 'item', 'file_name', 'media_type', 'size_bytes', 'sha256', 'attached_at'], rows);
}

/** 第八条（三）视情况实地抽查: recorded while the province reviews, for about one in six of the applications it saw. */
function spotChecksTable(seed: string, programme: LibraryProgramme, applications: readonly PlannedApplication[]): TableLoad {
  const rows: CopyValue[][] = [];
  const province = reviewerOf('PROVINCE_REVIEWER', programme.provinceCode);
  const seenByProvince: readonly Status[] = [Status.PROVINCE_APPROVED, Status.IN_PUBLIC_NOTICE, Status.ADMITTED, Status.OBJECTION_UPHELD, Status.PROVINCE_REJECTED];
  for (const a of applications) {
    // checked while the application waited for the province: after the city's recommendation, before the decision
    const waiting = a.status === Status.CITY_RECOMMENDED;
    if (!a.cityRecommendedOn || !(waiting || (seenByProvince.includes(a.status) && a.provinceDecidedOn! > a.cityRecommendedOn))) continue;
    const rng = prng(seed, `${programme.name}.spot_checks`, a.id);
    if (!rng.chance(0.16)) continue;
    const until = waiting ? ANCHOR_DATE : addDays(a.provinceDecidedOn!, -1);
    const checkedOn = dateBetween(rng, a.cityRecommendedOn, until);
    const passed = a.status !== Status.PROVINCE_REJECTED || rng.chance(0.3);
    rows.push([
      rng.uuid(), a.id, checkedOn, `省工信厅中小企业处 ${rng.pick(['王', '李', '张', '刘'])}某、${rng.pick(['陈', '杨', '赵', '黄'])}某`,
      passed ? '服务场所、人员与申报一致，服务台账完整' : '服务场所面积小于申报，部分服务台账缺失', passed, province.id, timestampOn(checkedOn, 420),
    ]);
  }
  return builtTable(programme.name, 'spot_checks', ['id', 'application_id', 'checked_on', 'inspectors', 'findings', 'passed', 'recorded_by', 'recorded_at'], rows);
}
