import { GUIDELINE_RULES, LibraryCategory, type LibraryConfig } from '@sme/resource-library';

/** 山西省优质中小企业公共服务资源库管理指南（试行） (seed 000): Shanxi's configuration of the resource-library engine. */
export const shanxiLibrary: LibraryConfig = {
  name: 'shanxi',
  provinceCode: '140000',
  abbreviation: '晋',
  document: '山西省优质中小企业公共服务资源库管理指南（试行）',
  libraryName: '山西省优质中小企业公共服务资源库',
  applicationForm: '山西省优质中小企业公共服务资源库入库申请表',
  // 第八条（二）《XX市（山西综改区管委会）优质中小企业公共服务资源库入库机构推荐汇总表》
  summaryTableTitle: '{unit}优质中小企业公共服务资源库入库机构推荐汇总表',
  // 第九条: ten categories, 合规管理类 included
  categories: Object.values(LibraryCategory),
  platform: null,
  rules: GUIDELINE_RULES,
};
