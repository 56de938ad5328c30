import { GUIDELINE_RULES, LibraryCategory, type LibraryConfig } from '@sme/resource-library';

/** 河北省优质中小企业服务资源库管理指南 (seed 001): Hebei's configuration of the resource-library engine. */
export const hebeiLibrary: LibraryConfig = {
  name: 'hebei',
  provinceCode: '130000',
  abbreviation: '冀',
  document: '河北省优质中小企业服务资源库管理指南',
  libraryName: '河北省优质中小企业服务资源库',
  applicationForm: '河北省优质中小企业服务资源库入库申请表',
  // 第八条（二）《XX市优质中小企业服务资源库入库机构推荐汇总表》 (各市含定州、辛集市，雄安新区)
  summaryTableTitle: '{unit}优质中小企业服务资源库入库机构推荐汇总表',
  // 第九条: nine categories — no 合规管理类
  categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE),
  // 第八条（一）、第十条、第十三条: applications, reports, products and appointments go through the province's platform
  platform: '河北工业企业服务平台',
  // 第十三条（二）入库机构应于 5 个工作日内处理…服务预约信息
  rules: { ...GUIDELINE_RULES, appointmentWorkingDays: 5 },
};
