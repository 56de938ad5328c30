import { registerEnumType } from 'type-graphql';

/**
 * 服务类别 (第九条). Shanxi lists ten, Hebei nine (no 合规管理): one enum carries all ten so the two
 * subgraphs serve the same type; each province's configuration says which it accepts.
 */
export enum LibraryCategory {
  TECHNOLOGY_INNOVATION = 'TECHNOLOGY_INNOVATION',
  HUMAN_RESOURCES = 'HUMAN_RESOURCES',
  COMPLIANCE = 'COMPLIANCE',
  DIGITAL_ENABLEMENT = 'DIGITAL_ENABLEMENT',
  FINANCING = 'FINANCING',
  BRAND_BUILDING = 'BRAND_BUILDING',
  POLICY_CONSULTING = 'POLICY_CONSULTING',
  TECHNOLOGY_TRANSFER = 'TECHNOLOGY_TRANSFER',
  TESTING_AND_INSPECTION = 'TESTING_AND_INSPECTION',
  OTHER = 'OTHER',
}

export const CATEGORY_NAMES: Record<LibraryCategory, string> = {
  TECHNOLOGY_INNOVATION: '技术创新类',
  HUMAN_RESOURCES: '人力资源类',
  COMPLIANCE: '合规管理类',
  DIGITAL_ENABLEMENT: '数字赋能类',
  FINANCING: '融资促进类',
  BRAND_BUILDING: '品牌提升类',
  POLICY_CONSULTING: '政策咨询类',
  TECHNOLOGY_TRANSFER: '成果转化类',
  TESTING_AND_INSPECTION: '检验检测类',
  OTHER: '其他类',
};

registerEnumType(LibraryCategory, {
  name: 'LibraryCategory',
  description: '资源库服务类别（第九条；河北无合规管理类）/ Service category (Art. 9; Hebei has no COMPLIANCE)',
  valuesConfig: {
    TECHNOLOGY_INNOVATION: { description: '技术创新类 / Technology innovation' },
    HUMAN_RESOURCES: { description: '人力资源类 / Human resources' },
    COMPLIANCE: { description: '合规管理类（仅山西）/ Compliance management (Shanxi only)' },
    DIGITAL_ENABLEMENT: { description: '数字赋能类 / Digital enablement' },
    FINANCING: { description: '融资促进类 / Financing' },
    BRAND_BUILDING: { description: '品牌提升类 / Brand building' },
    POLICY_CONSULTING: { description: '政策咨询类 / Policy consulting' },
    TECHNOLOGY_TRANSFER: { description: '成果转化类 / Technology transfer' },
    TESTING_AND_INSPECTION: { description: '检验检测类 / Testing and inspection' },
    OTHER: { description: '其他类 / Other' },
  },
});

/** 服务性质 (第九条): public-welfare or commercial. */
export enum ServiceNature {
  PUBLIC_WELFARE = 'PUBLIC_WELFARE',
  COMMERCIAL = 'COMMERCIAL',
}

export const NATURE_NAMES: Record<ServiceNature, string> = { PUBLIC_WELFARE: '公益性', COMMERCIAL: '社会化' };

registerEnumType(ServiceNature, {
  name: 'ServiceNature',
  description: '服务性质（第九条）/ Nature of service (Art. 9)',
  valuesConfig: {
    PUBLIC_WELFARE: { description: '公益性服务机构 / Public-welfare' },
    COMMERCIAL: { description: '社会化服务机构 / Commercial' },
  },
});
