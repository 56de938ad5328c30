import { CREDIT_RECORD_KIND_NAMES_ZH, addMonths, addYears, cityOf, composeCreditCode, CREDIT_CODE_ALPHABET } from '@sme/kernel';
import {
  BANNING_GROUNDS, GROUND_OF_CREDIT_KIND, GUIDELINE_RULES, MemberStatus, RemovalGround, dueDatesThrough, firstDueDateAfter, periodStartsOn,
  type LibraryCategory, type ServiceNature,
} from '@sme/resource-library';
import { prng, type Prng } from './scale-prng';
import { ANCHOR_DATE, dateBetween, dayNumber, maxDate, minDate, timestampOn, addDays, addWorkingDays } from './scale-timeline';
import { CREDIT_KINDS, creditRecord, type ScaleCreditRecord, type ScaleInstitution } from './scale-registry';
import { recommendingUnitOf } from './scale-regions';
import { TRADE_NAMES, SURNAMES, mobilePhone } from './scale-names';
import { applicantOf, reviewerOf, systemOf, type Transition } from './scale-status-history';
import { builtTable, streamedTable, type TableLoad } from './scale-tables';
import { textArray, type CopyValue } from './copy-format';
import type { LibraryProgramme } from './scale-libraries';

/**
 * A member's life in the library after admission (SPEC §3): quarterly reports judged as the daily schedule judges
 * them (第十条: two missed periods bring a notice, three removal), annual evaluations (第十二条), products and
 * cases, major changes (第十一条), removals with their re-entry ban, and in Hebei the service appointments
 * (第十三条（二）) that make up most of the library's rows.
 */
export interface AdmittedMember {
  id: string;
  index: number;
  application: { id: string; categories: LibraryCategory[]; nature: ServiceNature };
  institution: ScaleInstitution;
  admittedOn: string;
}

const RULES = GUIDELINE_RULES;
const DUE_DATES = RULES.reportDueDates;
/** The schedule has judged every due date before the anchor (a due date is over at the end of its day). */
const LAST_JUDGED = addDays(ANCHOR_DATE, -1);

/** How a member's story goes, as data; the first members able to carry each fate take them in turn. */
type Fate = 'KEEP' | 'NOTIFIED' | 'MISSED_REPORTS' | 'EVALUATION_FAILED' | 'NO_LONGER_QUALIFIES' | 'CREDIT';
const FATES: readonly (readonly [Fate, number])[] = [
  ['KEEP', 0.83], ['NOTIFIED', 0.04], ['MISSED_REPORTS', 0.04], ['EVALUATION_FAILED', 0.03], ['NO_LONGER_QUALIFIES', 0.02], ['CREDIT', 0.04],
];

/** A period's report: on time, late (recorded, cures nothing), or none. */
type Filing = 'ON_TIME' | 'LATE' | 'MISSING';

const OFFERING_TITLES: Record<string, readonly [string, string]> = {
  TECHNOLOGY_INNOVATION: ['企业研发项目申报辅导', '某装备企业联合攻关关键零部件'],
  HUMAN_RESOURCES: ['中小企业人才招聘与培训', '某制造企业技能人才订单式培养'],
  COMPLIANCE: ['企业合规体系建设诊断', '某外贸企业出口合规整改'],
  DIGITAL_ENABLEMENT: ['中小企业数字化转型诊断', '某精密铸造企业产线数字化改造'],
  FINANCING: ['银企对接与融资方案设计', '某科技企业知识产权质押融资'],
  BRAND_BUILDING: ['区域品牌培育与商标布局', '某食品企业品牌升级'],
  POLICY_CONSULTING: ['惠企政策精准推送与申报辅导', '某企业专精特新认定辅导'],
  TECHNOLOGY_TRANSFER: ['高校科技成果对接', '某新材料成果在中小企业落地'],
  TESTING_AND_INSPECTION: ['产品检测与质量提升服务', '某零部件企业质量问题攻关'],
  OTHER: ['中小企业综合服务', '某园区企业服务站运营'],
};
const SERVICES: readonly string[] = ['设备上云咨询', '融资对接', '专利申请辅导', '管理体系认证咨询', '人才招聘', '政策申报辅导', '产品检测', '数字化诊断', '法律咨询', '品牌策划'];
const OUTCOMES: readonly string[] = ['已电话对接并上门调研，形成服务方案', '已安排专家上门服务，企业确认问题解决', '已完成对接，企业后续自行办理', '已提供书面咨询意见'];
const COMMENTS: Record<string, string> = {
  EXCELLENT: '服务业绩突出，按时报送，企业满意度高', GOOD: '服务开展正常，报送及时', PASS: '基本完成年度服务，个别周期报送滞后', FAIL: '年度服务未达要求，报送严重滞后，经会议研究评价为不合格',
};

interface MemberLife {
  member: AdmittedMember;
  fate: Fate;
  status: MemberStatus;
  streak: number;
  evaluatedThrough: string | null;
  firstDueOn: string;
  removedOn: string | null;
  ground: RemovalGround | null;
  removalReason: string | null;
  bannedUntil: string | null;
  version: number;
  lastChangeOn: string;
  /** [due date, filed on, on time] of every report filed. */
  reports: [string, string, boolean][];
  filings: Map<string, Filing>;
  notices: { issuedOn: string; dueOn: string; text: string }[];
  evaluations: { year: number; rating: string; evaluatedOn: string; missed: number; overdue: number | null }[];
  majorChanges: { id: string; kind: string; changedOn: string; reportedOn: string; verification: string; verifiedOn: string | null; note: string | null; description: string }[];
  offerings: { kind: 'PRODUCT' | 'CASE'; publishedOn: string; withdrawnOn: string | null }[];
  transitions: Transition[];
}

const judgedDueDates = (firstDueOn: string) => (firstDueOn <= LAST_JUDGED ? dueDatesThrough(firstDueOn, LAST_JUDGED, DUE_DATES) : []);

/** The year's evaluation day, if the member was in long enough to be rated that year and the day has come. */
function evaluationDay(rng: Prng, admittedOn: string, year: number): string | null {
  if (year > 2025 || admittedOn > `${year}-10-31`) return null;
  const on = dateBetween(rng, `${year + 1}-01-10`, `${year + 1}-03-31`);
  return on <= ANCHOR_DATE ? on : null;
}

function canCarry(fate: Fate, m: AdmittedMember): boolean {
  const judged = judgedDueDates(firstDueDateAfter(m.admittedOn, DUE_DATES)).length;
  switch (fate) {
    case 'NOTIFIED': return judged >= 3;
    case 'MISSED_REPORTS': return judged >= 3;
    case 'EVALUATION_FAILED': return m.admittedOn <= '2025-10-31';
    case 'NO_LONGER_QUALIFIES': return m.admittedOn <= addDays(ANCHOR_DATE, -220);
    case 'CREDIT': return m.admittedOn <= addDays(ANCHOR_DATE, -150) && m.institution.programmes.length === 1;
    default: return true;
  }
}

function assignFates(seed: string, name: string, members: readonly AdmittedMember[]): Fate[] {
  const fates: (Fate | null)[] = members.map(() => null);
  for (const [fate] of FATES) {
    const first = members.findIndex((m, i) => fates[i] === null && canCarry(fate, m));
    if (first >= 0) fates[first] = fate;
  }
  return members.map((m, i) => {
    if (fates[i]) return fates[i]!;
    const fate = prng(seed, `${name}.member.fate`, m.index).weighted(FATES);
    return canCarry(fate, m) ? fate : 'KEEP';
  });
}

/** The life of one member, judged as the daily schedule and the province would have judged it. */
function liveMember(seed: string, programme: LibraryProgramme, m: AdmittedMember, fate: Fate, credit: ScaleCreditRecord[]): MemberLife {
  const rng = prng(seed, `${programme.name}.member`, m.index);
  const firstDueOn = firstDueDateAfter(m.admittedOn, DUE_DATES);
  const life: MemberLife = {
    member: m, fate, status: MemberStatus.ACTIVE, streak: 0, evaluatedThrough: null, firstDueOn, removedOn: null, ground: null, removalReason: null,
    bannedUntil: null, version: 1, lastChangeOn: m.admittedOn, reports: [], filings: new Map(), notices: [], evaluations: [], majorChanges: [], offerings: [],
    transitions: [{ recordType: 'LibraryMembership', recordId: m.id, from: null, to: MemberStatus.ACTIVE, action: 'ADMIT', actor: systemOf(`${programme.name}-schedule`), on: m.admittedOn }],
  };

  // a decision or a credit record ends the membership on a day fixed in advance
  let decided: { on: string; ground: RemovalGround; reason: string } | null = null;
  let failYear: number | null = null;
  if (fate === 'EVALUATION_FAILED') {
    for (let year = 2025; year >= Number(m.admittedOn.slice(0, 4)); year--) {
      const on = evaluationDay(prng(seed, `${programme.name}.evaluation`, m.index, year), m.admittedOn, year);
      if (on && addDays(on, 40) <= ANCHOR_DATE) {
        failYear = year;
        decided = { on: addDays(on, rng.int(10, 40)), ground: RemovalGround.EVALUATION_FAILED, reason: `${year} 年度评价不合格，经会议研究移出（${programme.abbreviation} 第十二条）` };
        break;
      }
    }
  }
  if (fate === 'NO_LONGER_QUALIFIES') {
    const changedOn = dateBetween(rng, addDays(m.admittedOn, 30), addDays(ANCHOR_DATE, -190));
    const reportedOn = addDays(changedOn, rng.int(5, 80));
    const verifiedOn = addDays(reportedOn, rng.int(10, 40));
    const note = '经核实，搬迁后服务场所面积不足 150 平方米，不再符合入库条件';
    life.majorChanges.push({ id: rng.uuid(), kind: 'RELOCATION', changedOn, reportedOn, verification: 'NO_LONGER_QUALIFIES', verifiedOn, note, description: '机构搬迁至新址，服务场所面积调整' });
    decided = { on: addDays(verifiedOn, rng.int(5, 30)), ground: RemovalGround.NO_LONGER_QUALIFIES, reason: `重大变化后经市级核实不再符合入库条件（${programme.abbreviation} 第十一条）` };
  }
  if (fate === 'CREDIT') {
    const kind = rng.weighted(CREDIT_KINDS.map((k) => [k.kind, k.share] as const));
    const listedOn = dateBetween(rng, addDays(m.admittedOn, 60), addDays(ANCHOR_DATE, -30));
    const record = creditRecord(rng, m.institution, kind, listedOn, null);
    credit.push(record);
    m.institution.listedOn = listedOn;
    // removed the day the registry's CreditRecordAdded arrives (the day it is recorded)
    decided = {
      on: record.createdOn, ground: GROUND_OF_CREDIT_KIND[kind],
      reason: `${CREDIT_RECORD_KIND_NAMES_ZH[kind]}（${record.source}，${listedOn} 列入），依${programme.abbreviation} 第十二条直接移出`,
    };
  }

  // 第十条 as the schedule judges it: each due date the day after, in order
  const judged = judgedDueDates(firstDueOn).filter((d) => !decided || addDays(d, 1) < decided.on);
  const stopFrom = fate === 'MISSED_REPORTS' ? rng.int(0, judged.length - 3) : null;
  for (const [i, dueOn] of judged.entries()) {
    let filing: Filing;
    if (fate === 'NOTIFIED' && i >= judged.length - 2) filing = 'MISSING';
    else if (fate === 'NOTIFIED' && i === judged.length - 3) filing = 'ON_TIME';
    else if (stopFrom !== null && i >= stopFrom) filing = 'MISSING';
    else filing = rng.weighted([['ON_TIME', 0.94], ['LATE', 0.03], ['MISSING', 0.03]] as const);
    const judgedOn = addDays(dueOn, 1);
    life.version++; // reportsEvaluatedThrough moves with every period judged
    life.evaluatedThrough = dueOn;
    life.lastChangeOn = judgedOn;
    if (filing === 'ON_TIME') {
      life.reports.push([dueOn, dateBetween(rng, maxDate(periodStartsOn(dueOn, DUE_DATES), m.admittedOn), dueOn), true]);
      life.filings.set(dueOn, 'ON_TIME');
      if (life.status === MemberStatus.NOTIFIED) transition(life, MemberStatus.ACTIVE, 'REPORTING_RESUMED', judgedOn, `${dueOn} 周期按期报送`, programme);
      life.streak = 0;
      continue;
    }
    life.filings.set(dueOn, filing);
    life.streak++;
    if (life.streak >= RULES.missedPeriodsForRemoval) {
      remove(life, programme, { on: judgedOn, ground: RemovalGround.MISSED_REPORTS, reason: `连续 ${life.streak} 个周期未按规定报送服务情况（截至 ${dueOn}），依${programme.abbreviation} 第十条移出` });
    } else if (life.streak === RULES.missedPeriodsForNotice) {
      const text = `连续 ${life.streak} 个周期未按规定报送服务情况（截至 ${dueOn}），依${programme.abbreviation} 第十条予以通报`;
      life.notices.push({ issuedOn: judgedOn, dueOn, text });
      transition(life, MemberStatus.NOTIFIED, 'NOTIFY_MISSED_REPORTS', judgedOn, text, programme);
    }
    if (filing === 'LATE') {
      // a late report is still taken while the member is in the library
      const filedOn = addDays(dueOn, rng.int(1, 30));
      if (filedOn <= ANCHOR_DATE && (!life.removedOn || filedOn < life.removedOn) && (!decided || filedOn < decided.on)) life.reports.push([dueOn, filedOn, false]);
    }
    if (life.removedOn) break;
  }
  if (decided && !life.removedOn) {
    life.version++;
    remove(life, programme, decided);
  }
  // the period under way: some file early
  const end = life.removedOn ? addDays(life.removedOn, -1) : ANCHOR_DATE;
  if (!life.removedOn) {
    const next = firstDueDateAfter(LAST_JUDGED, DUE_DATES);
    const opens = maxDate(periodStartsOn(next, DUE_DATES), m.admittedOn);
    if (next >= firstDueOn && opens <= ANCHOR_DATE && rng.chance(0.3)) life.reports.push([next, dateBetween(rng, opens, ANCHOR_DATE), true]);
  }

  // 第十二条: a rating for every year the member was in long enough, while it is in the library
  for (let year = Math.max(2022, Number(m.admittedOn.slice(0, 4))); year <= 2025; year++) {
    const evalRng = prng(seed, `${programme.name}.evaluation`, m.index, year);
    const on = evaluationDay(evalRng, m.admittedOn, year);
    if (!on || (life.removedOn && on >= life.removedOn) || (failYear !== null && year > failYear)) continue;
    const rating = year === failYear ? 'FAIL' : evalRng.weighted([['EXCELLENT', 0.2], ['GOOD', 0.45], ['PASS', 0.35]] as const);
    const owed = dueDatesThrough(`${year}-01-01`, `${year}-12-31`, DUE_DATES).filter((d) => d >= firstDueOn && d <= addDays(on, -1));
    life.evaluations.push({ year, rating, evaluatedOn: on, missed: owed.filter((d) => life.filings.get(d) !== 'ON_TIME').length, overdue: null });
  }

  // 第十一条: a few report a change the city finds harmless (or has not yet verified)
  if (fate !== 'NO_LONGER_QUALIFIES' && rng.chance(0.03) && addDays(m.admittedOn, 40) < end) {
    const changedOn = dateBetween(rng, addDays(m.admittedOn, 20), addDays(end, -15));
    const reportedOn = minDate(addDays(changedOn, rng.int(3, 100)), end);
    const verifiedOn = addDays(reportedOn, rng.int(7, 45));
    const verified = verifiedOn <= end;
    life.majorChanges.push({
      id: rng.uuid(), kind: rng.pick(['RENAME', 'RELOCATION', 'OTHER']), changedOn, reportedOn, verification: verified ? 'STILL_QUALIFIES' : 'PENDING', verifiedOn: verified ? verifiedOn : null,
      note: verified ? '经核实，变化后仍符合入库条件' : null, description: '机构名称或地址变更，服务能力未受影响',
    });
  }

  // 第十三条（一）: a product and a case, published within months of admission
  for (const [kind, from, to] of [['PRODUCT', 10, 90], ['CASE', 30, 200]] as const) {
    const publishedOn = addDays(m.admittedOn, rng.int(from, to));
    if (publishedOn > end) continue;
    const withdrawnOn = rng.chance(0.1) && addDays(publishedOn, 30) <= end ? dateBetween(rng, addDays(publishedOn, 30), end) : null;
    life.offerings.push({ kind, publishedOn, withdrawnOn });
  }
  return life;
}

function transition(life: MemberLife, to: MemberStatus, action: string, on: string, reason: string, programme: LibraryProgramme): void {
  life.transitions.push({ recordType: 'LibraryMembership', recordId: life.member.id, from: life.status, to, action, actor: systemOf(`${programme.name}-schedule`), on, reason });
  life.status = to;
  life.lastChangeOn = on;
}

function remove(life: MemberLife, programme: LibraryProgramme, removal: { on: string; ground: RemovalGround; reason: string }): void {
  const actor = removal.ground === RemovalGround.MISSED_REPORTS
    ? systemOf(`${programme.name}-schedule`)
    : life.fate === 'CREDIT' ? systemOf(`${programme.name}-credit-watch`) : reviewerOf('PROVINCE_REVIEWER', programme.provinceCode);
  life.transitions.push({ recordType: 'LibraryMembership', recordId: life.member.id, from: life.status, to: MemberStatus.REMOVED, action: `REMOVE_${removal.ground}`, actor, on: removal.on, reason: removal.reason });
  life.status = MemberStatus.REMOVED;
  life.removedOn = removal.on;
  life.ground = removal.ground;
  life.removalReason = removal.reason;
  // 第十二条 第二款: at least two years, through the second anniversary of the removal
  life.bannedUntil = BANNING_GROUNDS.has(removal.ground) ? addYears(removal.on, RULES.reentryBanYears) : null;
  life.lastChangeOn = removal.on;
}

/** 河北 第十三条（二）: an enterprise books a service; the member handles it within 5 working days (or late, or not yet). */
interface Appointment {
  id: string;
  enterpriseName: string;
  enterpriseCreditCode: string | null;
  contactPerson: string;
  contactPhone: string;
  service: string;
  requestedOn: string;
  dueBy: string;
  handledOn: string | null;
  outcome: string | null;
}

const CODE_CHARACTERS = CREDIT_CODE_ALPHABET.split('');
const dayCount = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** About five bookings a month while the member is in the library, each from its own enterprise. */
function* appointmentsOf(seed: string, programme: LibraryProgramme, life: MemberLife): Generator<Appointment> {
  const m = life.member;
  const rng = prng(seed, `${programme.name}.appointments`, m.index);
  const from = addDays(m.admittedOn, 1);
  const to = life.removedOn ? addDays(life.removedOn, -1) : ANCHOR_DATE;
  if (to < from) return;
  const rate = 4.8 * (0.4 + rng.next() * 1.2); // bookings a month
  const count = Math.round((dayCount(from, to) / 30.4) * rate);
  const city = cityOf(m.institution.regionCode)?.name ?? '';
  for (let i = 0; i < count; i++) {
    const requestedOn = dateBetween(rng, from, to);
    const dueBy = addWorkingDays(requestedOn, programme.appointmentWorkingDays!);
    const recent = dueBy >= ANCHOR_DATE;
    const fate = rng.next();
    let handledOn: string | null;
    if (recent) handledOn = fate < 0.5 ? minDate(addDays(requestedOn, rng.int(0, 3)), to) : null;
    else if (fate < 0.92) handledOn = dateBetween(rng, requestedOn, minDate(dueBy, to));
    else if (fate < 0.97) handledOn = dueBy < to ? dateBetween(rng, addDays(dueBy, 1), minDate(addDays(dueBy, 20), to)) : null;
    else handledOn = null;
    const withCode = rng.chance(0.4);
    yield {
      id: rng.uuid(),
      enterpriseName: `${city}${rng.pick(TRADE_NAMES)}${rng.pick(['机械制造', '新材料科技', '食品', '电子科技', '化工', '纺织', '物流', '建材'])}有限公司`,
      enterpriseCreditCode: withCode ? composeCreditCode('9', '1', m.institution.regionCode, `MA${Array.from({ length: 6 }, () => rng.pick(CODE_CHARACTERS)).join('')}`) : null,
      contactPerson: `${rng.pick(SURNAMES)}${rng.pick(['经理', '女士', '先生', '总'])}`,
      contactPhone: mobilePhone(rng),
      service: rng.pick(SERVICES),
      requestedOn, dueBy, handledOn,
      outcome: handledOn ? rng.pick(OUTCOMES) : null,
    };
  }
}

/** Handled after its deadline, or still open once it passed, as of `asOf` (what the annual evaluation counts). */
const overdueAsOf = (a: Appointment, asOf: string) => (a.handledOn && a.handledOn <= asOf ? a.handledOn > a.dueBy : asOf > a.dueBy);

export function planMembers(seed: string, programme: LibraryProgramme, admitted: readonly AdmittedMember[], credit: ScaleCreditRecord[]): { tables: TableLoad[]; transitions: Transition[] } {
  const name = programme.name;
  const fates = assignFates(seed, name, admitted);
  const lives = admitted.map((m, i) => liveMember(seed, programme, m, fates[i], credit));

  let appointmentRows = 0;
  if (programme.appointmentWorkingDays != null) {
    for (const life of lives) {
      for (const a of appointmentsOf(seed, programme, life)) {
        appointmentRows++;
        const year = Number(a.requestedOn.slice(0, 4));
        const evaluation = life.evaluations.find((e) => e.year === year);
        if (evaluation) evaluation.overdue = (evaluation.overdue ?? 0) + (overdueAsOf(a, evaluation.evaluatedOn) ? 1 : 0);
      }
      for (const e of life.evaluations) e.overdue ??= 0;
    }
  }

  const memberRows: CopyValue[][] = lives.map((l) => [
    l.member.id, l.member.institution.id, l.member.application.id, l.status, textArray(l.member.application.categories), l.member.application.nature,
    l.member.institution.regionCode, recommendingUnitOf(l.member.institution.regionCode), l.member.admittedOn, l.firstDueOn, l.streak, l.evaluatedThrough,
    l.removedOn, l.ground, l.removalReason, l.bannedUntil, timestampOn(l.member.admittedOn, 5), timestampOn(l.lastChangeOn, 6), l.version,
  ]);
  const reportCount = lives.reduce((n, l) => n + l.reports.length, 0);
  const ids = (table: string) => prng(seed, `${name}.${table}`);
  const tables: TableLoad[] = [
    builtTable(name, 'members',
      ['id', 'institution_id', 'application_id', 'status', 'categories', 'nature', 'region_code', 'unit_code', 'admitted_on', 'first_report_due_on', 'missed_report_streak',
        'reports_evaluated_through', 'removed_on', 'removal_ground', 'removal_reason', 'reentry_banned_until', 'created_at', 'updated_at', 'version'],
      memberRows),
    streamedTable(name, 'quarterly_reports',
      ['id', 'member_id', 'due_on', 'filed_on', 'on_time', 'enterprises_served', 'public_welfare_activities', 'summary', 'filed_by', 'recorded_at'], reportCount,
      function* () {
        for (const l of lives) {
          const rng = prng(seed, `${name}.quarterly_reports`, l.member.index);
          const filer = applicantOf(l.member.institution.creditCode).id;
          for (const [dueOn, filedOn, onTime] of l.reports) {
            const served = rng.int(8, 90);
            const activities = rng.int(0, 8);
            yield [rng.uuid(), l.member.id, dueOn, filedOn, onTime, served, activities, `开展公益服务活动 ${activities} 场，为 ${served} 家中小企业提供${rng.pick(SERVICES)}等服务`, filer, timestampOn(filedOn, 300)];
          }
        }
      }),
    builtTable(name, 'member_notices', ['id', 'member_id', 'issued_on', 'triggered_by_due_on', 'missed_periods', 'text', 'recorded_at'], (() => {
      const rng = ids('member_notices');
      return lives.flatMap((l) => l.notices.map((n) => [rng.uuid(), l.member.id, n.issuedOn, n.dueOn, RULES.missedPeriodsForNotice, n.text, timestampOn(n.issuedOn, 0)]));
    })()),
    builtTable(name, 'major_changes',
      ['id', 'member_id', 'kind', 'changed_on', 'due_by', 'reported_on', 'late', 'description', 'verification', 'verified_on', 'verification_note', 'recorded_at', 'version'],
      (() => {
        return lives.flatMap((l) => l.majorChanges.map((c) => {
          const dueBy = addMonths(c.changedOn, RULES.majorChangeReportMonths);
          return [c.id, l.member.id, c.kind, c.changedOn, dueBy, c.reportedOn, c.reportedOn > dueBy, c.description, c.verification, c.verifiedOn, c.note, timestampOn(c.reportedOn, 200), c.verifiedOn ? 2 : 1];
        }));
      })()),
    builtTable(name, 'annual_evaluations',
      ['id', 'member_id', 'year', 'rating', 'comments', 'missed_reports', 'overdue_appointments', 'evaluated_on', 'evaluated_by', 'recorded_at'],
      (() => {
        const rng = ids('annual_evaluations');
        const province = reviewerOf('PROVINCE_REVIEWER', programme.provinceCode).id;
        return lives.flatMap((l) => l.evaluations.map((e) => [rng.uuid(), l.member.id, e.year, e.rating, COMMENTS[e.rating], e.missed, e.overdue, e.evaluatedOn, province, timestampOn(e.evaluatedOn, 100)]));
      })()),
    builtTable(name, 'service_offerings',
      ['id', 'member_id', 'kind', 'category', 'title', 'summary', 'published_on', 'withdrawn_on', 'updated_at', 'version'],
      (() => {
        const rng = ids('service_offerings');
        return lives.flatMap((l) => l.offerings.map((o) => {
          const category = l.member.application.categories[0];
          const title = OFFERING_TITLES[category][o.kind === 'PRODUCT' ? 0 : 1];
          const summary = o.kind === 'PRODUCT' ? '上门诊断、出具方案，公益性服务每年不少于 20 家' : '服务三个月后企业关键指标明显改善';
          return [rng.uuid(), l.member.id, o.kind, category, title, summary, o.publishedOn, o.withdrawnOn, timestampOn(o.withdrawnOn ?? o.publishedOn, 250), o.withdrawnOn ? 2 : 1];
        }));
      })()),
    streamedTable(name, 'appointments',
      ['id', 'member_id', 'enterprise_name', 'enterprise_credit_code', 'contact_person', 'contact_phone', 'service', 'requested_on', 'due_by', 'handled_on', 'outcome', 'handled_by', 'created_at', 'version'],
      appointmentRows,
      function* () {
        if (programme.appointmentWorkingDays == null) return;
        for (const l of lives) {
          const handler = applicantOf(l.member.institution.creditCode).id;
          for (const a of appointmentsOf(seed, programme, l)) {
            yield [a.id, l.member.id, a.enterpriseName, a.enterpriseCreditCode, a.contactPerson, a.contactPhone, a.service, a.requestedOn, a.dueBy, a.handledOn, a.outcome,
              a.handledOn ? handler : null, timestampOn(a.requestedOn, 120), a.handledOn ? 2 : 1];
          }
        }
      }),
  ];
  const changeVerifications: Transition[] = [];
  for (const l of lives) {
    for (const c of l.majorChanges) {
      if (c.verifiedOn) {
        changeVerifications.push({
          recordType: 'LibraryMajorChange', recordId: c.id, from: 'PENDING', to: c.verification, action: 'VERIFY_MAJOR_CHANGE',
          actor: reviewerOf('CITY_REVIEWER', recommendingUnitOf(l.member.institution.regionCode)), on: c.verifiedOn, reason: c.note,
        });
      }
    }
  }
  return { tables, transitions: [...lives.flatMap((l) => l.transitions), ...changeVerifications] };
}
