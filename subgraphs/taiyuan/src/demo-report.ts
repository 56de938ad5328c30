import { AuditReportKind, ServiceScaleUnit, type ApplicationReportInput } from './applications/application-report';

/**
 * A complete 附件2 report for a campaign year, with figures varied by `seed`: what the demo data files and the
 * tests build on when the report itself is not what they look at.
 */
export function sampleReport(campaignYear: number, seed = 0, names: { institution: string } = { institution: '示范机构' }): ApplicationReportInput {
  const last = campaignYear - 1;
  const staffCount = 20 + seed * 3;
  return {
    registeredOn: `${2012 + (seed % 5)}-06-01`, unitNature: '有限责任公司', legalRepresentative: ['王明', '赵丽', '孙强'][seed % 3], registeredAddress: '太原市小店区长治路 1 号',
    postcode: '030006', contactPerson: '李华', contactPhone: '0351-2020238', mobile: '13912345678', email: 'service@example.cn',
    registeredCapital: 500 + seed * 100, investors: [{ name: `${names.institution}控股股东`, nature: '民营', sharePercent: 70 }, { name: '自然人股东', nature: '自然人', sharePercent: 30 }],
    totalAssets: 800 + seed * 50, equipmentCount: 30 + seed, equipmentValue: 120 + seed * 10,
    serviceFloorArea: 600, floorAreaOwned: 400, floorAreaRented: 200,
    staffCount, qualifiedStaffCount: Math.round(staffCount * 0.7),
    operatingYears: [last - 2, last - 1, last].map((year, i) => ({ year, revenue: 500 + i * 60 + seed * 20, serviceRevenue: 300 + i * 40, totalAssets: year === last ? 800 + seed * 50 : 700, profit: 40 + i * 5, tax: 18 + i, smesServed: 90 + i * 15 + seed * 5 })),
    qualifications: '人力资源服务许可证；ISO 9001 质量管理体系认证',
    mainServices: [
      { content: '创业辅导与融资对接', scale: 120 + seed * 10, scaleUnit: ServiceScaleUnit.ENTERPRISES, revenueSharePercent: 45 },
      { content: '专业技术培训', scale: 900, scaleUnit: ServiceScaleUnit.PERSON_TIMES, revenueSharePercent: 20 },
    ],
    partnersWithAgreement: ['太原理工大学', '山西某律师事务所', '某银行太原分行'], otherPartners: ['太原市科技服务协会'], governmentSupport: `${last} 年获市级中小企业发展专项资金支持`,
    equipmentList: [
      { name: '服务平台服务器', quantity: 4, purchasedOn: `${last - 1}-05-10`, price: 40, industryLeading: false },
      { name: '检测分析仪', quantity: 1, purchasedOn: `${last}-09-01`, price: 80, industryLeading: true },
    ],
    staffList: Array.from({ length: 12 + (seed % 3) }, (_, i) => ({ name: `职员${i + 1}`, age: 28 + i, education: '大学本科', school: '山西大学', title: i % 2 ? '工程师' : '经济师', responsibility: i === 0 ? '平台负责人' : '企业服务' })),
    servedEnterprises: Array.from({ length: 12 }, (_, i) => ({ name: `太原市服务对象${seed}-${i + 1}有限公司`, contactPerson: `联系人${i + 1}`, phone: `1391234${String(i + seed * 20).padStart(4, '0')}`, serviceSummary: '融资对接与管理咨询', satisfied: i !== 0 })),
    servedEnterprisesLastYear: 120 + seed * 5,
    narratives: {
      basicSituation: `${names.institution}成立于 ${2012 + (seed % 5)} 年，专注中小企业公共服务。`, regionalContext: '服务区域以装备制造、新材料企业为主，融资与人才需求突出。',
      operations: '建立服务质量、收费公示、人员考核等管理制度。', recentServices: '近三年累计服务中小企业三百余家，公益性服务占比超过三成。',
      features: '线上服务平台与线下服务站结合，集聚高校、金融机构资源。', achievements: '协助企业获得贷款与专项资金，典型案例三例。', plans: '拓展数字化转型诊断与专精特新培育服务。',
    },
    auditReport: { kind: AuditReportKind.ANNUAL_WITH_SERVICE_ACCOUNTS, year: last, barcode: `晋${String(last).slice(2)}AB1234567${seed}`, fileName: `${last}年度审计报告.pdf`, sha256: 'a'.repeat(63) + String(seed % 10) },
  };
}
