import type { EntityManager } from '@mikro-orm/postgresql';
import { CREDIT_CODE_ALPHABET, composeCreditCode, systemActor } from '@sme/kernel';
import { Institution } from './institutions/institution.entity';
import { LegalForm } from './institutions/legal-form';
import { registerInstitution } from './institutions/institution.service';
import { recordAnnualFacts } from './annual-facts/annual-facts.service';
import { addCreditRecord, clearCreditRecord } from './credit-records/credit-record.service';
import { CreditRecordKind } from './credit-records/credit-record-kind';

/**
 * A small, real-looking demo set: institutions in all five jurisdictions with valid credit codes, three years
 * of facts, and a few credit records. Loaded through the same services as the API, so it has its audit
 * entries and events too. Idempotent: it does nothing when the registry already holds institutions.
 */
const DEMO: [name: string, form: LegalForm, region: string, established: string, authority: string, type: string][] = [
  ['山西省中小企业发展促进中心', LegalForm.PUBLIC_INSTITUTION, '140105', '2008-05-12', '1', '2'],
  ['太原市小店区科创企业服务有限公司', LegalForm.ENTERPRISE, '140105', '2016-03-18', '9', '1'],
  ['太原市迎泽区中小企业融资服务中心有限公司', LegalForm.ENTERPRISE, '140106', '2014-09-02', '9', '1'],
  ['太原万柏林数字赋能服务股份有限公司', LegalForm.ENTERPRISE, '140109', '2017-11-20', '9', '1'],
  ['山西转型综改示范区企业服务有限公司', LegalForm.ENTERPRISE, '140171', '2018-06-06', '9', '1'],
  ['清徐县中小企业服务协会', LegalForm.SOCIAL_ORGANIZATION, '140121', '2012-04-26', '5', '1'],
  ['大同市云冈区检验检测服务有限公司', LegalForm.ENTERPRISE, '140214', '2013-07-15', '9', '1'],
  ['长治市潞州区人力资源服务有限公司', LegalForm.ENTERPRISE, '140403', '2015-10-08', '9', '1'],
  ['石家庄市长安区企业管理咨询有限公司', LegalForm.ENTERPRISE, '130102', '2011-02-14', '9', '1'],
  ['河北省中小企业服务中心', LegalForm.PUBLIC_INSTITUTION, '130104', '2005-08-30', '1', '2'],
  ['保定市竞秀区科技成果转化服务有限公司', LegalForm.ENTERPRISE, '130602', '2016-05-19', '9', '1'],
  ['定州市中小企业公共服务有限公司', LegalForm.ENTERPRISE, '130682', '2014-12-01', '9', '1'],
  ['辛集市皮革产业服务中心', LegalForm.PRIVATE_NON_ENTERPRISE, '130181', '2013-03-22', '5', '2'],
  ['唐山市路北区品牌提升服务有限公司', LegalForm.ENTERPRISE, '130203', '2018-09-09', '9', '1'],
  ['济南市历下区中小企业服务有限公司', LegalForm.ENTERPRISE, '370102', '2010-06-18', '9', '1'],
  ['青岛市崂山区创业孵化服务有限公司', LegalForm.ENTERPRISE, '370212', '2012-11-11', '9', '1'],
  ['山东省中小企业融资服务中心', LegalForm.PUBLIC_INSTITUTION, '370103', '2007-04-04', '1', '2'],
  ['烟台市芝罘区法律服务中心', LegalForm.PRIVATE_NON_ENTERPRISE, '370602', '2014-08-16', '5', '2'],
  ['潍坊市奎文区企业培训学校', LegalForm.PRIVATE_NON_ENTERPRISE, '370705', '2011-01-25', '5', '2'],
  ['银川市金凤区中小企业服务有限公司', LegalForm.ENTERPRISE, '640106', '2013-05-30', '9', '1'],
  ['宁夏中小企业服务协会', LegalForm.SOCIAL_ORGANIZATION, '640104', '2009-09-19', '5', '1'],
  ['固原市原州区创业服务中心', LegalForm.PUBLIC_INSTITUTION, '640402', '2012-07-07', '1', '2'],
  ['吴忠市利通区企业信息服务有限公司', LegalForm.ENTERPRISE, '640302', '2016-02-29', '9', '1'],
  ['西吉县农产品企业服务合作社', LegalForm.OTHER, '640422', '2017-04-18', 'N', '2'],
];

/** Deterministic organisation-code bodies (8 characters) so demo codes are the same on every machine. */
function organisationBody(index: number): string {
  let n = 104_729 + index * 7_919;
  let body = '';
  for (let i = 0; i < 5; i++) {
    body += CREDIT_CODE_ALPHABET[n % CREDIT_CODE_ALPHABET.length];
    n = Math.floor(n / CREDIT_CODE_ALPHABET.length);
  }
  return `MA0${body}`;
}

function demoFigures(index: number, year: number) {
  const scale = 1 + (index % 5) * 0.35 + (year - 2023) * 0.1;
  const smes = Math.round(90 * scale + index * 3);
  const staff = Math.round(14 + scale * 8);
  return {
    totalAssets: Math.round(180 * scale + index * 11),
    revenue: Math.round(320 * scale),
    serviceRevenue: Math.round(210 * scale),
    profit: Math.round(25 * scale - 10),
    tax: Math.round(12 * scale),
    smesServed: smes,
    pointToPointServed: Math.round(smes * 0.12),
    satisfactionRate: Math.min(98, 82 + (index % 7) * 2),
    floorAreaOwned: index % 2 ? 0 : Math.round(120 * scale),
    floorAreaRented: Math.round(90 * scale),
    staff,
    fullTimeServiceStaff: Math.round(staff * 0.8),
    qualifiedStaff: Math.round(staff * 0.75),
    seniorExperts: 6 + (index % 8),
    relatedExperts: 15 + (index % 12),
    partnerAgencies: 3 + (index % 5),
    publicWelfareShare: 15 + (index % 4) * 5,
  };
}

export async function loadDemoData(em: EntityManager): Promise<number> {
  if ((await em.count(Institution, {})) > 0) return 0;
  const actor = systemActor('system:demo-data');
  const institutions: Institution[] = [];
  for (const [index, [name, legalForm, regionCode, establishedOn, authority, type]] of DEMO.entries()) {
    const creditCode = composeCreditCode(authority, type, regionCode, organisationBody(index));
    institutions.push(
      await registerInstitution(em.fork(), actor, {
        creditCode, name, legalForm, regionCode, establishedOn,
        address: null, legalRepresentative: null, contactPerson: '张敏', contactPhone: `0351-${String(4000000 + index * 137).slice(0, 7)}`,
      }),
    );
  }
  for (const [index, institution] of institutions.entries()) {
    for (const year of [2023, 2024, 2025]) {
      await recordAnnualFacts(em.fork(), actor, { institutionId: institution.id, year, ...demoFigures(index, year) });
    }
  }
  // One record still active (the institution cannot pass a "clean for two years" rule) and one cleared long ago.
  await addCreditRecord(em.fork(), actor, { institutionId: institutions[6].id, kind: CreditRecordKind.ABNORMAL_OPERATION, listedOn: '2025-09-01', source: '国家企业信用信息公示系统', note: '通过登记的住所无法联系' });
  const old = await addCreditRecord(em.fork(), actor, { institutionId: institutions[13].id, kind: CreditRecordKind.DISHONEST_JUDGMENT_DEBTOR, listedOn: '2021-03-10', source: '信用中国', note: null });
  await clearCreditRecord(em.fork(), actor, { id: old.id, removedOn: '2022-01-20', reason: '已履行判决义务，信用修复' });
  return institutions.length;
}
