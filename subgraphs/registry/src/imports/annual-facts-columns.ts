import { codeCell, integerCell, numberCell, percentCell, textCell, type CellKind, type ImportColumn } from '@sme/kernel';

/**
 * The columns of an annual-facts spreadsheet, by the headers the forms use (太原 附件2 运营管理情况: 营业收入,
 * 其中：服务收入, 资产总额, 利润总额, 上缴税金, 服务中小企业户数; 申请表: 上年末总资产, 服务场地面积 自有/租用, 从业人数,
 * 大专及以上学历和中级及以上技术职称的专业人员), each mapped to its figure of `recordAnnualFacts`. A unit, when
 * the header gives one, must be the column's own. Every figure is required, as in the API: a rule never reads
 * a guessed zero.
 */
/** A year as tables write it: 2025, 2025年 or 2025年度. */
const yearCell: CellKind = { numFmt: '0', parse: (cell) => integerCell.parse(typeof cell === 'string' ? cell.trim().replace(/年度?$/, '') : cell) };

const amount = (field: string, name: string, aliases: string[], note: string): ImportColumn =>
  ({ field, name, units: ['万元'], aliases, required: true, kind: numberCell, note: `万元；${note}` });
const people = (field: string, name: string, aliases: string[], note: string): ImportColumn =>
  ({ field, name, units: ['人'], aliases, required: true, kind: integerCell, note: `人，整数；${note}` });

export const ANNUAL_FACTS_COLUMNS: readonly ImportColumn[] = [
  { field: 'creditCode', name: '统一社会信用代码', required: true, kind: codeCell, note: '已登记机构的 18 位代码（按代码找机构）；请保持本列为“文本”格式' },
  { field: 'institutionName', name: '机构名称', aliases: ['单位名称'], required: false, kind: textCell, note: '仅供填表人核对，不导入（以统一社会信用代码为准）' },
  { field: 'year', name: '年度', required: true, kind: yearCell, note: '四位年份，如 2025（或 2025年）；从成立年份到今年' },
  amount('totalAssets', '资产总额', ['上年末总资产', '总资产'], '不能为负'),
  amount('revenue', '营业收入', [], '不能为负'),
  amount('serviceRevenue', '服务收入', ['其中：服务收入'], '不能为负，不大于营业收入'),
  amount('profit', '利润总额', ['利润'], '可为负（亏损）'),
  amount('tax', '上缴税金', ['纳税额', '纳税'], '不能为负'),
  { field: 'smesServed', name: '服务中小企业数', units: ['家', '户'], aliases: ['服务中小企业户数', '服务企业数'], required: true, kind: integerCell, note: '家，整数；全年服务的中小企业' },
  { field: 'pointToPointServed', name: '点对点服务企业数', units: ['家'], aliases: ['其中：点对点服务', '点对点服务'], required: true, kind: integerCell, note: '家，整数；不大于服务中小企业数' },
  { field: 'satisfactionRate', name: '用户满意度', units: ['%'], aliases: ['满意度'], required: true, kind: percentCell, note: '0 到 100（95 或 95% 均可）' },
  { field: 'floorAreaOwned', name: '自有服务场地面积', units: ['平方米', 'm²'], aliases: ['自有场地面积'], required: true, kind: numberCell, note: '平方米；没有填 0' },
  { field: 'floorAreaRented', name: '租用服务场地面积', units: ['平方米', 'm²'], aliases: ['租用场地面积'], required: true, kind: numberCell, note: '平方米；没有填 0' },
  people('staff', '从业人数', ['从业人员'], '全部从业人员'),
  people('fullTimeServiceStaff', '专职服务人员', ['专职为中小企业服务人员'], '专职为中小企业服务，不大于从业人数'),
  people('qualifiedStaff', '大专及以上学历或中级及以上职称人员', ['大专及以上学历和中级及以上技术职称的专业人员'], '不大于从业人数'),
  people('seniorExperts', '合作副高级以上专家', ['副高级以上专家'], '上年度合作的副高级以上或同等水平专家'),
  people('relatedExperts', '相关领域专家', ['相关专家'], '上年度合作的相关专家'),
  { field: 'partnerAgencies', name: '签约合作机构', units: ['家'], aliases: ['签订合作协议的单位', '合作机构'], required: true, kind: integerCell, note: '家，整数；签有合作协议的服务机构' },
  { field: 'publicWelfareShare', name: '公益性或低收费服务占比', units: ['%'], aliases: ['公益性服务占比'], required: true, kind: percentCell, note: '0 到 100（占总服务量）' },
];
