import { registerEnumType } from 'type-graphql';

/**
 * 第七条: the twelve items an application carries (same list in both provinces). Each is tracked as a
 * checklist entry with its attachments' metadata; every item but (十二) 其他佐证材料 is required to submit.
 */
export enum MaterialItem {
  APPLICATION_FORM = 'APPLICATION_FORM',
  OVERVIEW = 'OVERVIEW',
  REGISTRATION_CERTIFICATE = 'REGISTRATION_CERTIFICATE',
  PREMISES_PROOF = 'PREMISES_PROOF',
  SERVICE_RULES = 'SERVICE_RULES',
  TWO_YEAR_SERVICES = 'TWO_YEAR_SERVICES',
  STAFF_AND_COOPERATION = 'STAFF_AND_COOPERATION',
  AUDITED_FINANCIALS = 'AUDITED_FINANCIALS',
  LAST_YEAR_SERVICES = 'LAST_YEAR_SERVICES',
  CREDIT_CHECK = 'CREDIT_CHECK',
  AUTHENTICITY_DECLARATION = 'AUTHENTICITY_DECLARATION',
  OTHER_EVIDENCE = 'OTHER_EVIDENCE',
}

export interface MaterialDefinition {
  item: MaterialItem;
  /** 第七条（一）…（十二） */
  article: string;
  title: string;
  required: boolean;
}

/** `{form}` is the province's application form name (山西省优质中小企业公共服务资源库入库申请表 …). */
export const MATERIALS: readonly MaterialDefinition[] = [
  { item: MaterialItem.APPLICATION_FORM, article: '第七条（一）', title: '{form}', required: true },
  { item: MaterialItem.OVERVIEW, article: '第七条（二）', title: '单位情况概述（基本情况、发展沿革、服务产品、服务业绩）', required: true },
  { item: MaterialItem.REGISTRATION_CERTIFICATE, article: '第七条（三）', title: '机构成立批文或注册登记执照复印件', required: true },
  { item: MaterialItem.PREMISES_PROOF, article: '第七条（四）', title: '服务场地的不动产权证书（或租赁合同）复印件', required: true },
  { item: MaterialItem.SERVICE_RULES, article: '第七条（五）', title: '服务管理、规范程序、服务承诺等制度', required: true },
  { item: MaterialItem.TWO_YEAR_SERVICES, article: '第七条（六）', title: '近两年服务产品、服务企业相关情况', required: true },
  { item: MaterialItem.STAFF_AND_COOPERATION, article: '第七条（七）', title: '主要人员基本情况表及职称、执业资格证书复印件；上年度与专家、机构合作的佐证材料', required: true },
  { item: MaterialItem.AUDITED_FINANCIALS, article: '第七条（八）', title: '经会计师事务所审计的近两年度财务报表和审计报告', required: true },
  { item: MaterialItem.LAST_YEAR_SERVICES, article: '第七条（九）', title: '上年度开展相关服务情况，附服务典型案例 2-3 例', required: true },
  { item: MaterialItem.CREDIT_CHECK, article: '第七条（十）', title: '“信用中国”查询结果截图；法定代表人诚信、守法、无不良信用承诺', required: true },
  { item: MaterialItem.AUTHENTICITY_DECLARATION, article: '第七条（十一）', title: '申请材料真实性声明（加盖申请单位公章）', required: true },
  { item: MaterialItem.OTHER_EVIDENCE, article: '第七条（十二）', title: '其他佐证材料', required: false },
];

registerEnumType(MaterialItem, {
  name: 'MaterialItem',
  description: '申请材料清单项（第七条）/ Application material item (Art. 7)',
  valuesConfig: Object.fromEntries(MATERIALS.map((m) => [m.item, { description: `${m.article} ${m.title.replace('{form}', '入库申请表')}${m.required ? '' : '（选交）'}` }])),
});
