import { EligibilityOutcome, FactSource, badInput, type EligibilityCriterion } from '@sme/kernel';
import { AuditReportKind, type ApplicationReport, type Narratives } from './application-report.types';

/**
 * What the notice (并工信字〔2023〕26号) and its application report (附件2) require of a report, as criteria
 * with their articles. A FAIL is something missing or contradictory that the applicant must fix before the
 * report is submitted; NEEDS_REVIEW is what only a person can judge from the papers (the seal, what an audit
 * report covers, figures that should agree but may legitimately differ).
 */

const NOTICE = '并工信字〔2023〕26号';
/** 附件2 has five parts; part 一 is the 申请表 with its own sections 一 to 四. */
const FORM = (section: string) => `附件2 申请表 ${section}`;

/** 附件1 测评: the county samples at random at least 10 served enterprises. */
const COUNTY_SAMPLE_MIN = 10;
/** 附件2 三 备注：不少于12人 */
export const MIN_STAFF_LISTED = 12;

const NARRATIVES: readonly { key: keyof Narratives; code: string; clause: string; title: string }[] = [
  { key: 'basicSituation', code: 'NARRATIVE_BASIC_SITUATION', clause: '（一）', title: '申请单位的基本情况' },
  { key: 'regionalContext', code: 'NARRATIVE_REGIONAL_CONTEXT', clause: '（二）', title: '服务对象所在区域的行业状况与公共服务需求' },
  { key: 'operations', code: 'NARRATIVE_OPERATIONS', clause: '（三）', title: '平台管理运营情况' },
  { key: 'recentServices', code: 'NARRATIVE_RECENT_SERVICES', clause: '（四）', title: '近年来的服务情况' },
  { key: 'features', code: 'NARRATIVE_FEATURES', clause: '（五）', title: '平台服务特色' },
  { key: 'achievements', code: 'NARRATIVE_ACHIEVEMENTS', clause: '（六）', title: '主要服务业绩及贡献' },
  { key: 'plans', code: 'NARRATIVE_PLANS', clause: '（七）', title: '下一步发展设想' },
];

const BASIC_FIELDS: readonly [keyof ApplicationReport, string][] = [
  ['registeredOn', '注册日期'], ['unitNature', '单位性质'], ['legalRepresentative', '法人代表'], ['registeredAddress', '注册地址'],
  ['postcode', '邮政编码'], ['contactPerson', '联系人'], ['contactPhone', '联系电话'], ['mobile', '手机'], ['email', '电子邮件'],
];

const KIND_NAMES: Record<AuditReportKind, string> = {
  [AuditReportKind.ANNUAL_PLUS_SPECIAL]: '年度审计报告及服务收支专项审计报告',
  [AuditReportKind.ANNUAL_WITH_SERVICE_ACCOUNTS]: '包含服务收支情况的年度审计报告',
};

const { PASS, FAIL, NEEDS_REVIEW } = EligibilityOutcome;

/** The names of the fields among `fields` that are not filled (null, empty text or empty list). */
function unfilled(report: ApplicationReport, fields: readonly [keyof ApplicationReport, string][]): string[] {
  return fields.filter(([key]) => {
    const value = report[key];
    return value == null || value === '' || (Array.isArray(value) && value.length === 0);
  }).map(([, name]) => name);
}

export function reportCriteria(report: ApplicationReport, campaignYear: number): EligibilityCriterion[] {
  const previousYear = campaignYear - 1;
  const criteria: EligibilityCriterion[] = [];
  const add = (c: Omit<EligibilityCriterion, 'registryValue' | 'note' | 'source'> & { note?: string | null; source?: FactSource }) =>
    criteria.push({ registryValue: null, note: null, source: FactSource.DECLARED, ...c });
  const filledIn = (code: string, article: string, description: string, fields: readonly [keyof ApplicationReport, string][]) => {
    const missing = unfilled(report, fields);
    add({ code, article, description, required: fields.map(([, name]) => name).join('、'), actual: missing.length ? `缺少：${missing.join('、')}` : '已填写', outcome: missing.length ? FAIL : PASS });
  };

  // 申请表 一
  filledIn('BASIC_DATA', FORM('一'), '申请单位基本情况', BASIC_FIELDS);
  filledIn('REGISTERED_CAPITAL', FORM('一'), '注册资本及主要投资方', [['registeredCapital', '注册资本'], ['investors', '主要投资方']]);
  filledIn('ASSETS_AND_EQUIPMENT', FORM('一'), '上年末总资产及仪器设备', [['totalAssets', '上年末总资产'], ['equipmentCount', '仪器设备数量'], ['equipmentValue', '仪器设备购买价格']]);
  filledIn('FLOOR_AREA', FORM('一'), '服务场地面积（自有、租用）', [['serviceFloorArea', '服务场地面积'], ['floorAreaOwned', '自有面积'], ['floorAreaRented', '租用面积']]);
  filledIn('STAFF_FIGURES', FORM('一'), '从业人数及专业人员', [['staffCount', '从业人数'], ['qualifiedStaffCount', '大专及以上学历和中级及以上职称的专业人员']]);

  // 申请表 二: the figures of the last completed year, every column
  const row = report.operatingYears.find((y) => y.year === previousYear);
  const columns = [['revenue', '营业收入'], ['serviceRevenue', '服务收入'], ['totalAssets', '资产总额'], ['profit', '利润总额'], ['tax', '上缴税金'], ['smesServed', '服务中小企业户数']] as const;
  const emptyColumns = row ? columns.filter(([key]) => row[key] == null).map(([, name]) => name) : [];
  add({
    code: 'OPERATING_FIGURES', article: FORM('二'), description: '上一年度运营管理情况', required: `${previousYear} 年度各项数据`,
    actual: !row ? `无 ${previousYear} 年度数据` : emptyColumns.length ? `缺少：${emptyColumns.join('、')}` : `${previousYear} 年度已填写`,
    outcome: row && !emptyColumns.length ? PASS : FAIL,
  });

  // 申请表 三
  add({
    code: 'MAIN_SERVICES', article: FORM('三'), description: '主要服务内容、规模及收入占比', required: '≥ 1 项',
    actual: `${report.mainServices.length} 项`, outcome: report.mainServices.length ? PASS : FAIL,
  });

  // Figures that the form asks for twice: the same year-end assets (一 上年末总资产, 二 资产总额) and the same year's
  // served count (二 服务中小企业户数, 四 上一年度共服务企业). Enterprises and SMEs may legitimately differ, so a person judges.
  const disagreements: string[] = [];
  if (row?.totalAssets != null && report.totalAssets != null && row.totalAssets !== report.totalAssets) disagreements.push(`上年末总资产 ${report.totalAssets} ≠ ${previousYear} 年资产总额 ${row.totalAssets}`);
  if (row?.smesServed != null && report.servedEnterprisesLastYear != null && row.smesServed !== report.servedEnterprisesLastYear) {
    disagreements.push(`上一年度共服务企业 ${report.servedEnterprisesLastYear} ≠ ${previousYear} 年服务中小企业户数 ${row.smesServed}`);
  }
  add({
    code: 'FIGURES_AGREE', article: `${FORM('一')}、${FORM('二')}、附件2 四`, description: '表内重复填报的数据前后一致', required: '一致',
    actual: disagreements.length ? disagreements.join('；') : '一致', outcome: disagreements.length ? NEEDS_REVIEW : PASS,
  });

  // 附件2 二
  add({
    code: 'EQUIPMENT_LIST', article: '附件2 二', description: '主要服务设备、仪器及软件清单', required: '≥ 1 项',
    actual: `${report.equipmentList.length} 项`, outcome: report.equipmentList.length ? PASS : FAIL,
  });

  // 附件2 三 and its 备注
  const listed = report.staffList.length;
  add({
    code: 'STAFF_LIST', article: '附件2 备注', description: '管理人员和服务人员名单不少于12人', required: `≥ ${MIN_STAFF_LISTED} 人`,
    actual: `${listed} 人`, outcome: listed >= MIN_STAFF_LISTED ? PASS : FAIL,
  });
  const overStaff = report.staffCount != null && listed > report.staffCount;
  add({
    code: 'STAFF_LIST_WITHIN_STAFF', article: '附件2 三', description: '名单人数不超过从业人数', required: report.staffCount == null ? '≤ 从业人数' : `≤ ${report.staffCount} 人`,
    actual: `${listed} 人`, outcome: overStaff ? FAIL : PASS,
  });

  // 附件2 四
  const served = report.servedEnterprises.length;
  add({
    code: 'SERVED_LIST', article: '附件2 四', description: '服务的中小企业名单及服务评价', required: '≥ 1 家',
    actual: `${served} 家`, outcome: served ? PASS : FAIL,
  });
  const total = report.servedEnterprisesLastYear;
  add({
    code: 'SERVED_COUNT', article: '附件2 四', description: '上一年度共服务企业数（不少于名单所列）', required: `已填写且 ≥ ${served} 家`,
    actual: total == null ? null : `${total} 家`, outcome: total != null && total >= served ? PASS : FAIL,
    note: total == null ? '未填写上一年度共服务企业数' : null,
  });
  add({
    code: 'SERVED_LIST_SAMPLE', article: '附件1 推荐单位组织测评情况', description: '名单足以供推荐单位随机抽取不少于10家测评', required: `≥ ${COUNTY_SAMPLE_MIN} 家`,
    actual: `${served} 家`, outcome: served >= COUNTY_SAMPLE_MIN ? PASS : NEEDS_REVIEW,
    note: served >= COUNTY_SAMPLE_MIN ? null : '名单不足10家，推荐单位须从名单外的服务对象中抽样',
  });

  // 附件2 五（一）…（七）
  for (const n of NARRATIVES) {
    const written = report.narratives?.[n.key];
    add({
      code: n.code, article: `附件2 五${n.clause}`, description: n.title, required: '已撰写',
      actual: written ? `${written.length} 字` : null, outcome: written ? PASS : FAIL,
    });
  }

  // 一.3: 带条码的上一年度审计报告及服务收支情况的专项审计报告，或上一年度包含服务收支情况的审计报告
  const audit = report.auditReport;
  const attached = audit?.kind != null && audit.fileName != null && audit.sha256 != null;
  add({
    code: 'AUDIT_REPORT', article: `${NOTICE} 一.3`, description: '提供上一年度审计报告（注明形式并附扫描件）', required: '已注明形式并上传',
    actual: !audit ? null : [audit.kind ? KIND_NAMES[audit.kind] : '未注明形式', audit.fileName && audit.sha256 ? audit.fileName : '未上传'].join('，'),
    outcome: attached ? PASS : FAIL,
  });
  add({
    code: 'AUDIT_REPORT_YEAR', article: `${NOTICE} 一.3`, description: '审计报告为上一年度', required: String(previousYear),
    actual: audit?.year == null ? null : String(audit.year), outcome: audit?.year === previousYear ? PASS : FAIL,
  });
  add({
    code: 'AUDIT_REPORT_BARCODE', article: `${NOTICE} 一.3`, description: '审计报告带条码', required: '有条码',
    actual: audit?.barcode ?? null, outcome: audit?.barcode ? PASS : FAIL,
  });
  add({
    code: 'AUDIT_REPORT_SERVICE_ACCOUNTS', article: `${NOTICE} 一.3`, description: '审计报告反映服务收支情况（或另附专项审计报告）', required: '审核人对照扫描件认定',
    actual: audit?.kind ? KIND_NAMES[audit.kind] : null, outcome: NEEDS_REVIEW,
    note: audit?.kind === AuditReportKind.ANNUAL_PLUS_SPECIAL ? '须同时见年度审计报告与服务收支专项审计报告' : null,
  });

  // 附件2 封面 申请单位名称（盖章）: the paper copies carry the applicant's seal, which only a person can see
  add({
    code: 'APPLICANT_SEAL', article: '附件2 封面', description: '申请报告加盖申请单位公章', required: '审核人对照纸质件认定',
    actual: null, source: FactSource.ATTESTATION, outcome: NEEDS_REVIEW,
  });

  return criteria;
}

/** At submission: a report with any failing criterion is refused, naming what is missing (codes, with articles in the message). */
export function requireCompleteReport(report: ApplicationReport, campaignYear: number): void {
  const failing = reportCriteria(report, campaignYear).filter((c) => c.outcome === FAIL);
  if (!failing.length) return;
  throw badInput(
    {
      zh: `申请报告不完整：${failing.map((c) => `${c.article} ${c.description}（${c.actual ?? '未填写'}）`).join('；')}`,
      en: `The application report is incomplete: ${failing.map((c) => `${c.code} (${c.article})`).join('; ')}`,
    },
    { reason: 'INCOMPLETE_REPORT', missing: failing.map((c) => c.code), failing: failing.map((c) => ({ code: c.code, article: c.article, required: c.required, actual: c.actual })) },
  );
}
