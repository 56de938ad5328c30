import { amount, badInput, count, notInFuture, optionalText, parseIsoDate, text, type Bilingual, optionalParagraphs } from '@sme/kernel';
import {
  AuditReportKind, REPORT_LIMITS, ServiceScaleUnit, emptyNarratives, emptyReport,
  type ApplicationReport, type AuditReport, type EquipmentItem, type Investor, type Narratives, type OperatingYear, type ServedEnterprise,
  type ServiceLine, type StaffMember,
} from './application-report.types';
import type {
  ApplicationReportInput, AuditReportInput, EquipmentItemInput, InvestorInput, NarrativesInput, OperatingYearInput, ServedEnterpriseInput,
  ServiceLineInput, StaffMemberInput,
} from './application-report.inputs';

export * from './application-report.types';
export * from './application-report.inputs';
export * from './application-report.rules';

/**
 * Merging a draft of the application report (并工信字〔2023〕26号 附件2): every given value is checked before
 * anything is kept, so a refusal (BAD_USER_INPUT with a stable `reason` and the `field` path) leaves the stored
 * report as it was; the computed shares are derived here and nowhere else. Pure: the caller stores the result.
 */

// 申请表 一 gives one line to each of these; the limits are generous for a person's name, an address or a nature.
const PLAIN_TEXTS = { unitNature: 50, legalRepresentative: 50, registeredAddress: 200, contactPerson: 50 } as const;
const AMOUNTS = ['registeredCapital', 'totalAssets', 'equipmentValue', 'serviceFloorArea', 'floorAreaOwned', 'floorAreaRented'] as const;
const COUNTS = ['equipmentCount', 'staffCount', 'qualifiedStaffCount', 'servedEnterprisesLastYear'] as const;
const NARRATIVE_KEYS = ['basicSituation', 'regionalContext', 'operations', 'recentServices', 'features', 'achievements', 'plans'] as const;
const NARRATIVE_MAX = 20_000;
const LONG_TEXT_MAX = 5_000;
/** Money in 万元: a loss may be negative, down to the same bound. */
const MONEY_MAX = 100_000_000;
const MIN_WORKING_AGE = 16;
const MAX_AGE = 100;
const EARLIEST_YEAR = 1949;

// Formats. Landline: optional area code (0 + 2–3 digits), a 7–8 digit number, optional extension; the notice itself
// gives a local number without area code (联系电话：2020238). Mobile: 11 digits from 13x to 19x.
const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3}[- ]?)?[2-9]\d{6,7}(?:(?:-|转|ext\.? ?)\d{1,6})?$/i;
const MOBILE = /^1[3-9]\d{9}$/;
const COUNTRY_PREFIX = /^(?:\+86|0086)[- ]?/;
const POSTCODE = /^[0-8]\d{5}$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
/** ICP 备案号 as the MIIT filing system issues it: province abbreviation, ICP备, number, 号, optional site suffix. */
const ICP_FILING = /^[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新]ICP备\d{4,12}号(?:-\d{1,4})?$/;
/** Audit report barcodes (报备号) are letters and digits, some with a province character or hyphens. */
const BARCODE = /^[0-9A-Za-z\u4e00-\u9fff-]{4,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const isMobile = (v: string) => MOBILE.test(v.replace(COUNTRY_PREFIX, '').replace(/[ -]/g, ''));
const isLandline = (v: string) => LANDLINE.test(v.replace(COUNTRY_PREFIX, ''));
const isPhone = (v: string) => isMobile(v) || isLandline(v);

/** A web address with or without its scheme (forms often give "www.example.cn"); http(s) and a dotted host only. */
function isWebsite(value: string): boolean {
  if (/\s/.test(value)) return false;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  if (hasScheme && !/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(hasScheme ? value : `http://${value}`);
    return !url.username && !url.password && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) && !/^[\d.]+$/.test(url.hostname);
  } catch {
    return false;
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const share = (part: number | null, whole: number | null) => (part == null || whole == null || whole <= 0 ? null : round2((part / whole) * 100));

const refuse = (reason: string, field: string, text: Bilingual, details: Record<string, unknown> = {}) => badInput(text, { reason, field, ...details });

function formatted(field: string, value: string, max: number, valid: (v: string) => boolean, reason: string, what: Bilingual): string {
  const checked = text(field, value, max);
  if (!valid(checked)) throw refuse(reason, field, { zh: `${field} 不是有效的${what.zh}：${checked}`, en: `${field} is not a valid ${what.en}: ${checked}` }, { value: checked });
  return checked;
}

const optionalFormatted = (field: string, value: string | null | undefined, max: number, valid: (v: string) => boolean, reason: string, what: Bilingual) =>
  value == null || value.trim() === '' ? null : formatted(field, value, max, valid, reason, what);

/** A real calendar date that has already happened. */
function pastDate(field: string, value: string, today: string): string {
  if (typeof value !== 'string' || !parseIsoDate(value)) {
    throw refuse('INVALID_DATE', field, { zh: `${field} 应为真实存在的日期（YYYY-MM-DD）：${value}`, en: `${field} must be a real date in YYYY-MM-DD form: ${value}` }, { value });
  }
  notInFuture(field, value, today);
  return value;
}

/** A year whose accounts can exist: it has ended before today (a year's figures and its audit come after 31 December). */
function endedYear(field: string, value: number, today: string): number {
  const lastEnded = Number(today.slice(0, 4)) - 1;
  if (!Number.isInteger(value) || value < EARLIEST_YEAR) {
    throw refuse('OUT_OF_RANGE', field, { zh: `${field} 应为 ${EARLIEST_YEAR} 年以后的年度：${value}`, en: `${field} must be a year from ${EARLIEST_YEAR}: ${value}` }, { value });
  }
  if (value > lastEnded) {
    throw refuse('YEAR_NOT_ENDED', field, { zh: `${field} 年度尚未结束（最近结束的年度为 ${lastEnded}）：${value}`, en: `${field} has not ended yet (the last ended year is ${lastEnded}): ${value}` }, { value });
  }
  return value;
}

/** A whole number in [min, max] where the lower bound is a rule of its own (an age, a quantity), not just "not negative". */
function countFrom(field: string, value: number, min: number, max: number): number {
  count(field, value, max);
  if (value < min) throw refuse('OUT_OF_RANGE', field, { zh: `${field} 应为 ${min} 到 ${max} 之间的整数：${value}`, en: `${field} must be an integer from ${min} to ${max}: ${value}` }, { value, min });
  return value;
}

const percent = (field: string, value: number) => amount(field, value, 100);

function oneOf<T extends string>(field: string, value: T, allowed: Record<string, T>): T {
  if (!Object.values(allowed).includes(value)) throw refuse('INVALID_VALUE', field, { zh: `${field} 取值无效：${value}`, en: `${field} has an invalid value: ${value}` }, { value });
  return value;
}

function flag(field: string, value: boolean): boolean {
  if (typeof value !== 'boolean') throw refuse('INVALID_VALUE', field, { zh: `${field} 应为是或否`, en: `${field} must be true or false` });
  return value;
}

/** A given list, capped, each row checked with its index in the field path (e.g. staffList[3].age). */
function list<I, O>(field: keyof typeof REPORT_LIMITS, items: readonly I[], check: (item: I, at: string) => O): O[] {
  const max = REPORT_LIMITS[field];
  if (!Array.isArray(items)) throw refuse('INVALID_VALUE', field, { zh: `${field} 应为列表`, en: `${field} must be a list` });
  if (items.length > max) {
    throw refuse('TOO_MANY', field, { zh: `${field} 至多 ${max} 项：${items.length}`, en: `${field} takes at most ${max} rows: ${items.length}` }, { max, value: items.length });
  }
  return items.map((item, i) => check(item, `${field}[${i}]`));
}

function noDuplicates(field: string, keys: readonly (string | number)[], path: (index: number) => string): void {
  const seen = new Set<string | number>();
  keys.forEach((key, i) => {
    if (seen.has(key)) throw refuse('DUPLICATE_ENTRY', path(i), { zh: `${field} 中重复：${key}`, en: `Duplicate in ${field}: ${key}` }, { value: key });
    seen.add(key);
  });
}

/** 申请表 一 投资比例 and 三 服务收入占年营业收入: parts of one whole, so together at most 100 %. */
function sharesAtMost100(field: string, shares: readonly number[]): void {
  const total = shares.reduce((sum, s) => sum + s, 0);
  if (total > 100 + 1e-6) {
    throw refuse('SHARES_EXCEED_100', field, { zh: `${field} 比例合计超过 100%：${round2(total)}`, en: `${field} shares add up to more than 100 %: ${round2(total)}` }, { value: round2(total) });
  }
}

const investor = (row: InvestorInput, at: string): Investor => ({
  name: text(`${at}.name`, row.name, 200),
  nature: optionalText(`${at}.nature`, row.nature, 50),
  sharePercent: percent(`${at}.sharePercent`, row.sharePercent),
});

function operatingYear(row: OperatingYearInput, at: string, today: string): OperatingYear {
  const money = (key: 'revenue' | 'serviceRevenue' | 'totalAssets' | 'profit' | 'tax', min = 0) =>
    row[key] == null ? null : amount(`${at}.${key}`, row[key]!, MONEY_MAX, min);
  const checked: OperatingYear = {
    year: endedYear(`${at}.year`, row.year, today),
    revenue: money('revenue'),
    serviceRevenue: money('serviceRevenue'),
    totalAssets: money('totalAssets'),
    profit: money('profit', -MONEY_MAX),
    tax: money('tax'),
    smesServed: row.smesServed == null ? null : count(`${at}.smesServed`, row.smesServed),
  };
  // 申请表 二 "其中：服务收入": service revenue is part of the revenue
  if (checked.revenue != null && checked.serviceRevenue != null && checked.serviceRevenue > checked.revenue) {
    throw refuse('SERVICE_REVENUE_EXCEEDS_REVENUE', `${at}.serviceRevenue`, {
      zh: `${at} 服务收入不能大于营业收入（${checked.serviceRevenue} > ${checked.revenue}）`,
      en: `${at} service revenue cannot exceed revenue (${checked.serviceRevenue} > ${checked.revenue})`,
    });
  }
  return checked;
}

const serviceLine = (row: ServiceLineInput, at: string): ServiceLine => ({
  content: text(`${at}.content`, row.content, 500),
  scale: count(`${at}.scale`, row.scale),
  scaleUnit: oneOf(`${at}.scaleUnit`, row.scaleUnit, ServiceScaleUnit),
  revenueSharePercent: percent(`${at}.revenueSharePercent`, row.revenueSharePercent),
});

const equipmentItem = (row: EquipmentItemInput, at: string, today: string): EquipmentItem => ({
  name: text(`${at}.name`, row.name, 200),
  quantity: countFrom(`${at}.quantity`, row.quantity, 1, 1_000_000),
  purchasedOn: pastDate(`${at}.purchasedOn`, row.purchasedOn, today),
  price: amount(`${at}.price`, row.price, MONEY_MAX),
  industryLeading: flag(`${at}.industryLeading`, row.industryLeading),
});

const staffMember = (row: StaffMemberInput, at: string): StaffMember => ({
  name: text(`${at}.name`, row.name, 50),
  age: countFrom(`${at}.age`, row.age, MIN_WORKING_AGE, MAX_AGE),
  education: text(`${at}.education`, row.education, 50),
  school: optionalText(`${at}.school`, row.school, 100),
  title: optionalText(`${at}.title`, row.title, 50),
  responsibility: text(`${at}.responsibility`, row.responsibility, 200),
});

const servedEnterprise = (row: ServedEnterpriseInput, at: string): ServedEnterprise => ({
  name: text(`${at}.name`, row.name, 200),
  contactPerson: text(`${at}.contactPerson`, row.contactPerson, 50),
  phone: formatted(`${at}.phone`, row.phone, 30, isPhone, 'INVALID_PHONE', { zh: '电话号码', en: 'phone number' }),
  serviceSummary: text(`${at}.serviceSummary`, row.serviceSummary, 500),
  satisfied: flag(`${at}.satisfied`, row.satisfied),
});

function mergeNarratives(stored: Narratives, input: NarrativesInput): Narratives {
  const merged = { ...stored };
  for (const key of NARRATIVE_KEYS) {
    if (input[key] !== undefined) merged[key] = optionalParagraphs(`narratives.${key}`, input[key], NARRATIVE_MAX);
  }
  return merged;
}

function mergeAuditReport(stored: AuditReport | null, input: AuditReportInput, today: string): AuditReport | null {
  const merged: AuditReport = { kind: null, year: null, barcode: null, fileName: null, sha256: null, ...stored };
  if (input.kind !== undefined) merged.kind = input.kind == null ? null : oneOf('auditReport.kind', input.kind, AuditReportKind);
  if (input.year !== undefined) merged.year = input.year == null ? null : endedYear('auditReport.year', input.year, today);
  if (input.barcode !== undefined) merged.barcode = optionalFormatted('auditReport.barcode', input.barcode, 64, (v) => BARCODE.test(v), 'INVALID_BARCODE', { zh: '审计报告条码', en: 'audit report barcode' });
  if (input.fileName !== undefined) merged.fileName = optionalText('auditReport.fileName', input.fileName, 255);
  if (input.sha256 !== undefined) {
    merged.sha256 = optionalFormatted('auditReport.sha256', input.sha256?.toLowerCase(), 64, (v) => SHA256.test(v), 'INVALID_DIGEST', { zh: 'SHA-256 摘要（64 位十六进制）', en: 'SHA-256 digest (64 hex digits)' });
  }
  return Object.values(merged).every((v) => v == null) ? null : merged;
}

/** A deep copy of the stored report over an empty one, so reports stored before a field existed read as "not filled". */
function copyOf(stored: ApplicationReport | null): ApplicationReport {
  const base: ApplicationReport = { ...emptyReport(), ...(stored ? structuredClone({ ...stored }) : {}) };
  base.narratives = { ...emptyNarratives(), ...base.narratives };
  return base;
}

export function mergeReport(stored: ApplicationReport | null, input: ApplicationReportInput, today: string): ApplicationReport {
  const report = copyOf(stored);
  const given = (key: keyof ApplicationReportInput) => input[key] !== undefined;

  /** Sets a field the input gives: null clears (a list to empty), anything else is checked first. */
  function set<K extends keyof ApplicationReportInput & keyof ApplicationReport>(key: K, check: (value: NonNullable<ApplicationReportInput[K]>) => ApplicationReport[K]): void {
    const value = input[key];
    if (value === undefined) return;
    report[key] = (value === null ? (Array.isArray(report[key]) ? [] : null) : check(value as NonNullable<ApplicationReportInput[K]>)) as ApplicationReport[K];
  }

  // 申请表 一、申请单位基本情况
  set('registeredOn', (v) => pastDate('registeredOn', v, today));
  for (const key of Object.keys(PLAIN_TEXTS) as (keyof typeof PLAIN_TEXTS)[]) set(key, (v) => optionalText(key, v, PLAIN_TEXTS[key]));
  set('postcode', (v) => optionalFormatted('postcode', v, 20, (p) => POSTCODE.test(p), 'INVALID_POSTCODE', { zh: '邮政编码（6 位数字）', en: 'postcode (6 digits)' }));
  set('contactPhone', (v) => optionalFormatted('contactPhone', v, 30, isPhone, 'INVALID_PHONE', { zh: '电话号码', en: 'phone number' }));
  set('fax', (v) => optionalFormatted('fax', v, 30, isLandline, 'INVALID_PHONE', { zh: '传真号码', en: 'fax number' }));
  set('mobile', (v) => optionalFormatted('mobile', v, 30, isMobile, 'INVALID_PHONE', { zh: '手机号码', en: 'mobile number' }));
  set('website', (v) => optionalFormatted('website', v, 500, isWebsite, 'INVALID_URL', { zh: '网址', en: 'web address' }));
  set('icpFiling', (v) => optionalFormatted('icpFiling', v, 50, (f) => ICP_FILING.test(f), 'INVALID_ICP_FILING', { zh: 'ICP 备案号（如 晋ICP备12345678号）', en: 'ICP filing number (e.g. 晋ICP备12345678号)' }));
  set('email', (v) => optionalFormatted('email', v, 254, (e) => EMAIL.test(e), 'INVALID_EMAIL', { zh: '电子邮件地址', en: 'email address' }));
  for (const key of AMOUNTS) set(key, (v) => amount(key, v));
  for (const key of COUNTS) set(key, (v) => count(key, v));

  set('investors', (rows) => {
    const investors = list('investors', rows, investor);
    sharesAtMost100('investors', investors.map((i) => i.sharePercent));
    return investors;
  });

  // 申请表 二、运营管理情况: one row a year, kept in year order
  set('operatingYears', (rows) => {
    const years = list('operatingYears', rows, (row, at) => operatingYear(row, at, today));
    noDuplicates('operatingYears', years.map((y) => y.year), (i) => `operatingYears[${i}].year`);
    return [...years].sort((a, b) => a.year - b.year);
  });

  // 申请表 三、平台服务能力及业绩; 四、政府支持情况
  set('qualifications', (v) => optionalParagraphs('qualifications', v, LONG_TEXT_MAX));
  set('mainServices', (rows) => {
    const lines = list('mainServices', rows, serviceLine);
    sharesAtMost100('mainServices', lines.map((l) => l.revenueSharePercent));
    return lines;
  });
  for (const key of ['partnersWithAgreement', 'otherPartners'] as const) {
    set(key, (rows) => {
      const names = list(key, rows, (name, at) => text(at, name, 200));
      noDuplicates(key, names, (i) => `${key}[${i}]`);
      return names;
    });
  }
  set('governmentSupport', (v) => optionalParagraphs('governmentSupport', v, LONG_TEXT_MAX));

  // 附件2 二、三、四
  set('equipmentList', (rows) => list('equipmentList', rows, (row, at) => equipmentItem(row, at, today)));
  set('staffList', (rows) => list('staffList', rows, staffMember));
  set('servedEnterprises', (rows) => {
    const enterprises = list('servedEnterprises', rows, servedEnterprise);
    // one row per enterprise, or the satisfaction rate would count an enterprise twice
    noDuplicates('servedEnterprises', enterprises.map((e) => e.name), (i) => `servedEnterprises[${i}].name`);
    return enterprises;
  });

  // 附件2 五; 并工信字〔2023〕26号 一.3
  if (given('narratives')) report.narratives = input.narratives == null ? emptyNarratives() : mergeNarratives(report.narratives, input.narratives);
  if (given('auditReport')) report.auditReport = input.auditReport == null ? null : mergeAuditReport(report.auditReport, input.auditReport, today);

  checkConsistency(report, given);
  report.equipmentShareOfAssets = share(report.equipmentValue, report.totalAssets);
  report.qualifiedStaffShare = share(report.qualifiedStaffCount, report.staffCount);
  report.satisfactionRate = share(report.servedEnterprises.filter((e) => e.satisfied).length, report.servedEnterprises.length);
  return report;
}

/**
 * Rules between fields of 申请表 一, checked on the merged report when the input touches one of their fields (an
 * unrelated edit is never refused for them): 自有 + 租用 = 服务场地面积, 专业人员 ≤ 从业人数, a filing number needs a site.
 */
function checkConsistency(report: ApplicationReport, given: (key: keyof ApplicationReportInput) => boolean): void {
  const { serviceFloorArea: total, floorAreaOwned: owned, floorAreaRented: rented } = report;
  if ((given('serviceFloorArea') || given('floorAreaOwned') || given('floorAreaRented')) && total != null) {
    const parts = (owned ?? 0) + (rented ?? 0);
    const mismatch = owned != null && rented != null ? Math.abs(parts - total) > 0.005 : parts > total + 0.005;
    if (mismatch) {
      throw refuse('AREA_MISMATCH', 'serviceFloorArea', {
        zh: `服务场地面积应等于自有与租用面积之和（${total} ≠ ${owned ?? '?'} + ${rented ?? '?'}）`,
        en: `serviceFloorArea must equal owned plus rented (${total} ≠ ${owned ?? '?'} + ${rented ?? '?'})`,
      }, { value: total, owned, rented });
    }
  }
  if ((given('staffCount') || given('qualifiedStaffCount')) && report.staffCount != null && report.qualifiedStaffCount != null && report.qualifiedStaffCount > report.staffCount) {
    throw refuse('QUALIFIED_EXCEEDS_STAFF', 'qualifiedStaffCount', {
      zh: `专业人员数不能大于从业人数（${report.qualifiedStaffCount} > ${report.staffCount}）`,
      en: `qualifiedStaffCount cannot exceed staffCount (${report.qualifiedStaffCount} > ${report.staffCount})`,
    }, { value: report.qualifiedStaffCount, staffCount: report.staffCount });
  }
  if ((given('icpFiling') || given('website')) && report.icpFiling != null && report.website == null) {
    throw refuse('WEBSITE_MISSING', 'icpFiling', { zh: 'ICP 备案号须与网址一并填写（已建网站的填写）', en: 'An ICP filing number needs the website it is for' });
  }
}
