import { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { Arg, Query, Resolver, buildSchema } from 'type-graphql';
import { DomainError, EligibilityOutcome, ErrorCode, FactSource, type EligibilityCriterion } from '@sme/kernel';
import {
  ApplicationReportInput, ApplicationReport, AuditReportKind, ServiceScaleUnit, emptyReport, mergeReport, reportCriteria, requireCompleteReport,
  type ServedEnterpriseInput, type StaffMemberInput,
} from '../src/applications/application-report';

/**
 * The application report (并工信字〔2023〕26号 附件2): every check of mergeReport at its boundary, the computed shares,
 * list replacement, and the criteria a submitted report must meet. The date of the request is 2023-03-20, in the
 * 2023 campaign: the last year that has ended, and the one the figures and the audit report must be for, is 2022.
 */
const TODAY = '2023-03-20';
const CAMPAIGN = 2023;

const { PASS, FAIL, NEEDS_REVIEW } = EligibilityOutcome;

const staff = (n: number): StaffMemberInput[] =>
  Array.from({ length: n }, (_, i) => ({ name: `职员${i + 1}`, age: 30 + i, education: '大学本科', school: '太原理工大学', title: i % 2 ? '工程师' : null, responsibility: '企业服务' }));

const served = (n: number, unsatisfied = 0): ServedEnterpriseInput[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `太原市测试企业${i + 1}有限公司`, contactPerson: `联系人${i + 1}`, phone: `1391234${String(i).padStart(4, '0')}`,
    serviceSummary: '融资对接与管理咨询', satisfied: i >= unsatisfied,
  }));

const narratives = () => ({
  basicSituation: '2015 年创立。\n目前有员工 30 人。', regionalContext: '服务小店区装备制造业。', operations: '有完整的管理制度。',
  recentServices: '近三年服务企业 120 家。', features: '线上线下结合。', achievements: '典型案例三例。', plans: '拓展数字化服务。',
});

/** A report that meets every requirement of 附件2 and 一.3 for the 2023 campaign. */
function completeInput(): ApplicationReportInput {
  return {
    registeredOn: '2015-06-01', unitNature: '有限责任公司', legalRepresentative: '王明', registeredAddress: '太原市小店区长治路 1 号',
    postcode: '030006', contactPerson: '李华', contactPhone: '0351-2020238', fax: '0351-2020239', mobile: '13912345678',
    website: 'https://www.example.cn', icpFiling: '晋ICP备12345678号-1', email: 'service@example.cn',
    registeredCapital: 1000,
    investors: [{ name: '太原某投资有限公司', nature: '民营', sharePercent: 60 }, { name: '张三', nature: '自然人', sharePercent: 40 }],
    totalAssets: 800, equipmentCount: 35, equipmentValue: 120,
    serviceFloorArea: 600, floorAreaOwned: 400, floorAreaRented: 200,
    staffCount: 30, qualifiedStaffCount: 20,
    operatingYears: [2022, 2020, 2021].map((year) => ({ year, revenue: 500, serviceRevenue: 300, totalAssets: year === 2022 ? 800 : 700, profit: 50, tax: 20, smesServed: 40 })),
    qualifications: '人力资源服务许可证', mainServices: [
      { content: '创业辅导', scale: 120, scaleUnit: ServiceScaleUnit.ENTERPRISES, revenueSharePercent: 40 },
      { content: '人才培训', scale: 800, scaleUnit: ServiceScaleUnit.PERSON_TIMES, revenueSharePercent: 20 },
    ],
    partnersWithAgreement: ['山西某大学', '某律师事务所'], otherPartners: ['某银行太原分行'], governmentSupport: '2022 年获市级专项资金支持 50 万元',
    equipmentList: [
      { name: '服务器', quantity: 4, purchasedOn: '2021-05-10', price: 40, industryLeading: false },
      { name: '检测仪', quantity: 1, purchasedOn: '2022-11-01', price: 80, industryLeading: true },
    ],
    staffList: staff(12), servedEnterprises: served(12, 1), servedEnterprisesLastYear: 40,
    narratives: narratives(),
    auditReport: { kind: AuditReportKind.ANNUAL_WITH_SERVICE_ACCOUNTS, year: 2022, barcode: '晋23AB12345678', fileName: '2022年度审计报告.pdf', sha256: 'a'.repeat(64) },
  };
}

const complete = () => mergeReport(null, completeInput(), TODAY);

/** Runs a merge that must be refused and returns the error's extensions (code, reason, field …). */
function refusal(work: () => unknown): Record<string, unknown> {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).extensions as Record<string, unknown>;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

/** The merge of `input` over a complete report is refused with this reason at this field. */
function refusedWith(input: ApplicationReportInput, reason: string, field: string, stored: ApplicationReport | null = complete(), today = TODAY) {
  expect(refusal(() => mergeReport(stored, input, today))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason, field });
}

const accepted = (input: ApplicationReportInput, stored: ApplicationReport | null = complete(), today = TODAY) => mergeReport(stored, input, today);

const criterion = (report: ApplicationReport, code: string, campaignYear = CAMPAIGN): EligibilityCriterion => {
  const found = reportCriteria(report, campaignYear).find((c) => c.code === code);
  if (!found) throw new Error(`no criterion ${code}`);
  return found;
};
const outcome = (report: ApplicationReport, code: string, campaignYear = CAMPAIGN) => criterion(report, code, campaignYear).outcome;

describe('mergeReport: drafts', () => {
  it('starts from the empty report', () => {
    const report = mergeReport(null, {}, TODAY);
    expect(report).toEqual(emptyReport());
    expect(report.auditReport).toBeNull();
    expect(report.narratives.plans).toBeNull();
  });

  it('keeps omitted fields, clears fields given as null, and treats blank text as not filled', () => {
    const report = accepted({ fax: null, email: '   ', registeredCapital: null });
    expect(report.fax).toBeNull();
    expect(report.email).toBeNull();
    expect(report.registeredCapital).toBeNull();
    expect(report.legalRepresentative).toBe('王明');
    expect(report.investors).toHaveLength(2);
  });

  it('replaces a given list whole, empties it with [] or null, and keeps it when omitted', () => {
    const stored = complete();
    expect(accepted({ staffList: staff(3) }, stored).staffList.map((s) => s.name)).toEqual(['职员1', '职员2', '职员3']);
    expect(accepted({ investors: [] }, stored).investors).toEqual([]);
    expect(accepted({ otherPartners: null }, stored).otherPartners).toEqual([]);
    expect(accepted({ mobile: '13800000000' }, stored).staffList).toHaveLength(12);
  });

  it('never changes the stored report, whether it accepts or refuses', () => {
    const stored = complete();
    const snapshot = structuredClone(stored);
    accepted({ staffList: staff(2), narratives: { plans: null }, auditReport: { barcode: 'X1234' } }, stored);
    refusal(() => mergeReport(stored, { staffCount: 1 }, TODAY));
    expect(stored).toEqual(snapshot);
  });

  it('reads a stored report that lacks fields added later as not filled', () => {
    const { servedEnterprises, narratives: _n, ...older } = complete();
    const report = mergeReport(older as ApplicationReport, {}, TODAY);
    expect(report.servedEnterprises).toEqual([]);
    expect(report.narratives.basicSituation).toBeNull();
    expect(servedEnterprises).toHaveLength(12);
  });

  it('keeps the operating years in year order', () => {
    expect(complete().operatingYears.map((y) => y.year)).toEqual([2020, 2021, 2022]);
  });
});

describe('mergeReport: computed figures', () => {
  it('equipment value as a share of total assets, rounded to 0.01 %', () => {
    expect(complete().equipmentShareOfAssets).toBe(15);
    expect(accepted({ equipmentValue: 100, totalAssets: 300 }).equipmentShareOfAssets).toBe(33.33);
    expect(accepted({ totalAssets: 0 }).equipmentShareOfAssets).toBeNull();
    expect(accepted({ equipmentValue: null }).equipmentShareOfAssets).toBeNull();
  });

  it('qualified staff as a share of staff', () => {
    expect(complete().qualifiedStaffShare).toBe(66.67);
    expect(accepted({ staffCount: 0, qualifiedStaffCount: 0 }).qualifiedStaffShare).toBeNull();
    expect(accepted({ qualifiedStaffCount: 30 }).qualifiedStaffShare).toBe(100);
  });

  it('the satisfaction rate of the served-SME list, recomputed when the list changes', () => {
    expect(complete().satisfactionRate).toBe(91.67);
    expect(accepted({ servedEnterprises: served(4, 4) }).satisfactionRate).toBe(0);
    expect(accepted({ servedEnterprises: [] }).satisfactionRate).toBeNull();
  });

  it('computed figures are never taken from input', () => {
    const input = { ...completeInput(), satisfactionRate: 5, qualifiedStaffShare: 5 } as ApplicationReportInput;
    const report = mergeReport(null, input, TODAY);
    expect(report.satisfactionRate).toBe(91.67);
    expect(report.qualifiedStaffShare).toBe(66.67);
  });
});

describe('mergeReport: texts, dates and numbers', () => {
  it('text lengths and control characters', () => {
    expect(accepted({ legalRepresentative: '王'.repeat(50) }).legalRepresentative).toHaveLength(50);
    refusedWith({ legalRepresentative: '王'.repeat(51) }, 'INVALID_TEXT', 'legalRepresentative');
    refusedWith({ unitNature: '有限\u0007公司' }, 'INVALID_TEXT', 'unitNature');
    refusedWith({ staffList: [...staff(3), { ...staff(1)[0], name: '' }] }, 'INVALID_TEXT', 'staffList[3].name');
  });

  it('narratives keep line breaks, merge per section, and refuse other control characters and over-long text', () => {
    const report = accepted({ narratives: { plans: '第一步。\r\n第二步。', features: null } });
    expect(report.narratives.plans).toBe('第一步。\n第二步。');
    expect(report.narratives.features).toBeNull();
    expect(report.narratives.basicSituation).toBe(narratives().basicSituation);
    expect(accepted({ narratives: { plans: '字'.repeat(20_000) } }).narratives.plans).toHaveLength(20_000);
    refusedWith({ narratives: { plans: '字'.repeat(20_001) } }, 'INVALID_TEXT', 'narratives.plans');
    refusedWith({ narratives: { operations: '制度\u0000' } }, 'INVALID_TEXT', 'narratives.operations');
    expect(accepted({ narratives: null }).narratives).toEqual(emptyReport().narratives);
  });

  it('dates are real and not in the future', () => {
    expect(accepted({ registeredOn: TODAY }).registeredOn).toBe(TODAY);
    refusedWith({ registeredOn: '2023-03-21' }, 'FUTURE_DATE', 'registeredOn');
    refusedWith({ registeredOn: '2023-02-29' }, 'INVALID_DATE', 'registeredOn');
    const items = completeInput().equipmentList!;
    refusedWith({ equipmentList: [items[0], { ...items[1], purchasedOn: '2023-03-21' }] }, 'FUTURE_DATE', 'equipmentList[1].purchasedOn');
  });

  it('counts are whole and not negative', () => {
    expect(accepted({ equipmentCount: 0 }).equipmentCount).toBe(0);
    refusedWith({ equipmentCount: -1 }, 'NEGATIVE', 'equipmentCount');
    refusedWith({ servedEnterprisesLastYear: 1.5 }, 'OUT_OF_RANGE', 'servedEnterprisesLastYear');
  });

  it('amounts are finite and not negative; a loss may be', () => {
    expect(accepted({ registeredCapital: 0 }).registeredCapital).toBe(0);
    refusedWith({ registeredCapital: -0.01 }, 'NEGATIVE', 'registeredCapital');
    refusedWith({ totalAssets: Number.POSITIVE_INFINITY }, 'OUT_OF_RANGE', 'totalAssets');
    const row = { year: 2022, revenue: 10, serviceRevenue: 5, totalAssets: 800, profit: -30, tax: 0, smesServed: 40 };
    expect(accepted({ operatingYears: [row] }).operatingYears[0].profit).toBe(-30);
    refusedWith({ operatingYears: [{ ...row, tax: -1 }] }, 'NEGATIVE', 'operatingYears[0].tax');
  });

  it('staff ages from 16 to 100', () => {
    const at = (age: number) => ({ staffList: staff(4).map((s, i) => (i === 3 ? { ...s, age } : s)) });
    expect(accepted(at(16)).staffList[3].age).toBe(16);
    expect(accepted(at(100)).staffList[3].age).toBe(100);
    refusedWith(at(15), 'OUT_OF_RANGE', 'staffList[3].age');
    refusedWith(at(101), 'OUT_OF_RANGE', 'staffList[3].age');
  });

  it('an equipment item has at least one unit', () => {
    const item = completeInput().equipmentList![0];
    expect(accepted({ equipmentList: [{ ...item, quantity: 1 }] }).equipmentList[0].quantity).toBe(1);
    refusedWith({ equipmentList: [{ ...item, quantity: 0 }] }, 'OUT_OF_RANGE', 'equipmentList[0].quantity');
  });

  it('enum values are checked', () => {
    const line = completeInput().mainServices![0];
    refusedWith({ mainServices: [{ ...line, scaleUnit: 'TONS' as ServiceScaleUnit }] }, 'INVALID_VALUE', 'mainServices[0].scaleUnit');
    refusedWith({ auditReport: { kind: 'OTHER' as AuditReportKind } }, 'INVALID_VALUE', 'auditReport.kind');
  });
});

describe('mergeReport: formats', () => {
  it('phones: landline with or without area code, mobile, +86; fax is a landline and mobile a mobile', () => {
    for (const phone of ['0351-2020238', '2020238', '(0351)2020238', '0351 2020238-801', '13912345678', '+86 139 1234 5678']) {
      expect(accepted({ contactPhone: phone }).contactPhone).toBe(phone);
    }
    refusedWith({ contactPhone: '12345' }, 'INVALID_PHONE', 'contactPhone');
    refusedWith({ contactPhone: '0351-0202380' }, 'INVALID_PHONE', 'contactPhone');
    refusedWith({ mobile: '0351-2020238' }, 'INVALID_PHONE', 'mobile');
    refusedWith({ mobile: '12912345678' }, 'INVALID_PHONE', 'mobile');
    refusedWith({ fax: '13912345678' }, 'INVALID_PHONE', 'fax');
    refusedWith({ servedEnterprises: served(3).map((e, i) => (i === 2 ? { ...e, phone: '电话' } : e)) }, 'INVALID_PHONE', 'servedEnterprises[2].phone');
  });

  it('postcodes are 6 digits', () => {
    expect(accepted({ postcode: '030001' }).postcode).toBe('030001');
    refusedWith({ postcode: '03000' }, 'INVALID_POSTCODE', 'postcode');
    refusedWith({ postcode: '0300011' }, 'INVALID_POSTCODE', 'postcode');
    refusedWith({ postcode: '93000a' }, 'INVALID_POSTCODE', 'postcode');
  });

  it('email addresses', () => {
    expect(accepted({ email: 'a.b+c@mail.example.com.cn' }).email).toBe('a.b+c@mail.example.com.cn');
    refusedWith({ email: 'service@example' }, 'INVALID_EMAIL', 'email');
    refusedWith({ email: 'service example.cn' }, 'INVALID_EMAIL', 'email');
  });

  it('websites: http(s) or no scheme, a dotted host', () => {
    for (const site of ['www.example.cn', 'http://example.cn/about', 'https://www.example.com.cn:8443/']) expect(accepted({ website: site }).website).toBe(site);
    for (const site of ['ftp://example.cn', 'javascript:alert(1)', 'localhost', 'http://user:pw@example.cn', 'http://127.0.0.1', 'exa mple.cn']) {
      refusedWith({ website: site }, 'INVALID_URL', 'website');
    }
  });

  it('ICP filing numbers, only with a website', () => {
    expect(accepted({ icpFiling: '晋ICP备2021001234号' }).icpFiling).toBe('晋ICP备2021001234号');
    refusedWith({ icpFiling: 'ICP12345678' }, 'INVALID_ICP_FILING', 'icpFiling');
    refusedWith({ icpFiling: '晋ICP备12345678' }, 'INVALID_ICP_FILING', 'icpFiling');
    refusedWith({ website: null }, 'WEBSITE_MISSING', 'icpFiling');
    refusedWith({ icpFiling: '晋ICP备12345678号' }, 'WEBSITE_MISSING', 'icpFiling', mergeReport(null, {}, TODAY));
    expect(accepted({ website: null, icpFiling: null }).website).toBeNull();
  });
});

describe('mergeReport: rules between fields', () => {
  it('investor shares are 0–100 % each and at most 100 % together', () => {
    const investors = (...shares: number[]) => ({ investors: shares.map((sharePercent, i) => ({ name: `投资方${i}`, sharePercent })) });
    expect(accepted(investors(33.33, 33.33, 33.34)).investors).toHaveLength(3);
    expect(accepted(investors(100)).investors[0].sharePercent).toBe(100);
    refusedWith(investors(100.01), 'OUT_OF_RANGE', 'investors[0].sharePercent');
    refusedWith(investors(50, -1), 'NEGATIVE', 'investors[1].sharePercent');
    refusedWith(investors(60, 40.01), 'SHARES_EXCEED_100', 'investors');
  });

  it('main services take at most 100 % of revenue together', () => {
    const line = completeInput().mainServices![0];
    expect(accepted({ mainServices: [{ ...line, revenueSharePercent: 70 }, { ...line, revenueSharePercent: 30 }] }).mainServices).toHaveLength(2);
    refusedWith({ mainServices: [{ ...line, revenueSharePercent: 70 }, { ...line, revenueSharePercent: 30.5 }] }, 'SHARES_EXCEED_100', 'mainServices');
  });

  it('owned plus rented floor area equals the total', () => {
    expect(accepted({ serviceFloorArea: 600.5, floorAreaRented: 200.5 }).serviceFloorArea).toBe(600.5);
    refusedWith({ floorAreaRented: 200.01 }, 'AREA_MISMATCH', 'serviceFloorArea');
    refusedWith({ serviceFloorArea: 599.99 }, 'AREA_MISMATCH', 'serviceFloorArea');
    // while a draft has only one part, that part cannot exceed the total
    const draft = mergeReport(null, { serviceFloorArea: 100 }, TODAY);
    expect(accepted({ floorAreaOwned: 100 }, draft).floorAreaOwned).toBe(100);
    refusedWith({ floorAreaOwned: 100.01 }, 'AREA_MISMATCH', 'serviceFloorArea', draft);
  });

  it('qualified staff cannot exceed the staff, whichever of the two is changed', () => {
    expect(accepted({ qualifiedStaffCount: 30 }).qualifiedStaffCount).toBe(30);
    refusedWith({ qualifiedStaffCount: 31 }, 'QUALIFIED_EXCEEDS_STAFF', 'qualifiedStaffCount');
    refusedWith({ staffCount: 19 }, 'QUALIFIED_EXCEEDS_STAFF', 'qualifiedStaffCount');
  });

  it('service revenue is part of the revenue', () => {
    const row = { year: 2022, revenue: 500, serviceRevenue: 500 };
    expect(accepted({ operatingYears: [row] }).operatingYears[0].serviceRevenue).toBe(500);
    refusedWith({ operatingYears: [{ year: 2021, revenue: 1 }, { ...row, serviceRevenue: 500.01 }] }, 'SERVICE_REVENUE_EXCEEDS_REVENUE', 'operatingYears[1].serviceRevenue');
  });

  it('operating years have ended and appear once', () => {
    refusedWith({ operatingYears: [{ year: 2023 }] }, 'YEAR_NOT_ENDED', 'operatingYears[0].year');
    expect(accepted({ operatingYears: [{ year: 2023 }] }, complete(), '2024-01-01').operatingYears[0].year).toBe(2023);
    refusedWith({ operatingYears: [{ year: 2021 }, { year: 2021 }] }, 'DUPLICATE_ENTRY', 'operatingYears[1].year');
    refusedWith({ operatingYears: [{ year: 1948 }] }, 'OUT_OF_RANGE', 'operatingYears[0].year');
  });

  it('an enterprise appears once in the served list, and a partner once in its list', () => {
    const list = served(3);
    refusedWith({ servedEnterprises: [list[0], list[1], { ...list[2], name: list[0].name }] }, 'DUPLICATE_ENTRY', 'servedEnterprises[2].name');
    refusedWith({ otherPartners: ['某银行', '某银行'] }, 'DUPLICATE_ENTRY', 'otherPartners[1]');
  });

  it('lists are capped: at most 500 served enterprises', () => {
    expect(accepted({ servedEnterprises: served(500) }).servedEnterprises).toHaveLength(500);
    expect(refusal(() => accepted({ servedEnterprises: served(501) }))).toMatchObject({ reason: 'TOO_MANY', field: 'servedEnterprises', max: 500 });
    refusedWith({ operatingYears: Array.from({ length: 11 }, (_, i) => ({ year: 2012 + i })) }, 'TOO_MANY', 'operatingYears');
  });
});

describe('mergeReport: the audit report (一.3)', () => {
  it('merges field by field, lower-cases the digest, and is null when nothing is left', () => {
    const stored = complete();
    const report = accepted({ auditReport: { barcode: 'A-1234', sha256: 'B'.repeat(64) } }, stored);
    expect(report.auditReport).toEqual({ ...stored.auditReport, barcode: 'A-1234', sha256: 'b'.repeat(64) });
    expect(accepted({ auditReport: null }).auditReport).toBeNull();
    expect(accepted({ auditReport: { kind: null, year: null, barcode: null, fileName: null, sha256: null } }).auditReport).toBeNull();
  });

  it('the year audited has ended', () => {
    expect(accepted({ auditReport: { year: 2022 } }).auditReport!.year).toBe(2022);
    refusedWith({ auditReport: { year: 2023 } }, 'YEAR_NOT_ENDED', 'auditReport.year');
    expect(accepted({ auditReport: { year: 2023 } }, complete(), '2024-01-01').auditReport!.year).toBe(2023);
  });

  it('barcodes and digests have their formats', () => {
    refusedWith({ auditReport: { barcode: 'AB1' } }, 'INVALID_BARCODE', 'auditReport.barcode');
    refusedWith({ auditReport: { barcode: '晋23 AB12' } }, 'INVALID_BARCODE', 'auditReport.barcode');
    refusedWith({ auditReport: { sha256: 'a'.repeat(63) } }, 'INVALID_DIGEST', 'auditReport.sha256');
    refusedWith({ auditReport: { sha256: 'g'.repeat(64) } }, 'INVALID_DIGEST', 'auditReport.sha256');
  });
});

describe('reportCriteria', () => {
  it('a complete report fails nothing; only the seal and what the audit covers are left to a person', () => {
    const criteria = reportCriteria(complete(), CAMPAIGN);
    expect(criteria.filter((c) => c.outcome === FAIL)).toEqual([]);
    expect(criteria.filter((c) => c.outcome === NEEDS_REVIEW).map((c) => c.code).sort()).toEqual(['APPLICANT_SEAL', 'AUDIT_REPORT_SERVICE_ACCOUNTS']);
    expect(criteria.every((c) => c.source === (c.code === 'APPLICANT_SEAL' ? FactSource.ATTESTATION : FactSource.DECLARED))).toBe(true);
    expect(new Set(criteria.map((c) => c.code)).size).toBe(criteria.length);
  });

  it('an empty report fails every part of the form', () => {
    const failing = reportCriteria(emptyReport(), CAMPAIGN).filter((c) => c.outcome === FAIL).map((c) => c.code);
    expect(failing).toEqual(expect.arrayContaining([
      'BASIC_DATA', 'REGISTERED_CAPITAL', 'ASSETS_AND_EQUIPMENT', 'FLOOR_AREA', 'STAFF_FIGURES', 'OPERATING_FIGURES', 'MAIN_SERVICES',
      'EQUIPMENT_LIST', 'STAFF_LIST', 'SERVED_LIST', 'SERVED_COUNT', 'AUDIT_REPORT', 'AUDIT_REPORT_YEAR', 'AUDIT_REPORT_BARCODE',
    ]));
    expect(failing).not.toContain('STAFF_LIST_WITHIN_STAFF');
  });

  it('basic data names what is missing', () => {
    const c = criterion(accepted({ mobile: null, email: null }), 'BASIC_DATA');
    expect(c).toMatchObject({ outcome: FAIL, article: '附件2 申请表 一', actual: '缺少：手机、电子邮件' });
    expect(outcome(accepted({ fax: null, website: null, icpFiling: null }), 'BASIC_DATA')).toBe(PASS);
  });

  it('附件2 备注: at least 12 people in the staff list (11 fails, 12 passes)', () => {
    const eleven = criterion(accepted({ staffList: staff(11) }), 'STAFF_LIST');
    expect(eleven).toMatchObject({ article: '附件2 备注', required: '≥ 12 人', actual: '11 人', outcome: FAIL, source: FactSource.DECLARED });
    expect(outcome(accepted({ staffList: staff(12) }), 'STAFF_LIST')).toBe(PASS);
  });

  it('the staff list cannot name more people than the staff count', () => {
    expect(outcome(accepted({ staffList: staff(30) }), 'STAFF_LIST_WITHIN_STAFF')).toBe(PASS);
    expect(outcome(accepted({ staffList: staff(31) }), 'STAFF_LIST_WITHIN_STAFF')).toBe(FAIL);
  });

  it('operating figures for the year before the campaign, every column', () => {
    expect(criterion(complete(), 'OPERATING_FIGURES')).toMatchObject({ article: '附件2 申请表 二', required: '2022 年度各项数据', outcome: PASS });
    expect(outcome(accepted({ operatingYears: [{ year: 2021, revenue: 1, serviceRevenue: 1, totalAssets: 1, profit: 0, tax: 0, smesServed: 1 }] }), 'OPERATING_FIGURES')).toBe(FAIL);
    const row2022 = completeInput().operatingYears!.find((y) => y.year === 2022)!;
    expect(criterion(accepted({ operatingYears: [{ ...row2022, tax: null }] }), 'OPERATING_FIGURES')).toMatchObject({ outcome: FAIL, actual: '缺少：上缴税金' });
    expect(outcome(complete(), 'OPERATING_FIGURES', 2024)).toBe(FAIL);
  });

  it('the served-SME list is non-empty and within the count served last year', () => {
    expect(outcome(accepted({ servedEnterprises: [] }), 'SERVED_LIST')).toBe(FAIL);
    expect(outcome(accepted({ servedEnterprisesLastYear: 12 }), 'SERVED_COUNT')).toBe(PASS);
    expect(outcome(accepted({ servedEnterprisesLastYear: 11 }), 'SERVED_COUNT')).toBe(FAIL);
    expect(outcome(accepted({ servedEnterprisesLastYear: null }), 'SERVED_COUNT')).toBe(FAIL);
  });

  it('a list too short for the county to sample 10 (附件1) is left to the reviewer', () => {
    expect(outcome(accepted({ servedEnterprises: served(10) }), 'SERVED_LIST_SAMPLE')).toBe(PASS);
    expect(outcome(accepted({ servedEnterprises: served(9) }), 'SERVED_LIST_SAMPLE')).toBe(NEEDS_REVIEW);
  });

  it('figures the form asks for twice are compared, and a difference is left to the reviewer', () => {
    expect(outcome(complete(), 'FIGURES_AGREE')).toBe(PASS);
    const c = criterion(accepted({ servedEnterprisesLastYear: 41, totalAssets: 801 }), 'FIGURES_AGREE');
    expect(c.outcome).toBe(NEEDS_REVIEW);
    expect(c.actual).toContain('上年末总资产 801 ≠ 2022 年资产总额 800');
    expect(c.actual).toContain('上一年度共服务企业 41 ≠ 2022 年服务中小企业户数 40');
  });

  it('each of the seven narratives 附件2 五（一）…（七） must be written', () => {
    const articles = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）'].map((n) => `附件2 五${n}`);
    const sections = Object.keys(narratives()) as (keyof ReturnType<typeof narratives>)[];
    sections.forEach((section, i) => {
      const failing = reportCriteria(accepted({ narratives: { [section]: null } }), CAMPAIGN).filter((c) => c.outcome === FAIL);
      expect(failing.map((c) => c.article)).toEqual([articles[i]]);
    });
  });

  it('一.3: the audit report of the year before the campaign, with barcode and scan', () => {
    const audit = (given: ApplicationReportInput['auditReport']) => accepted({ auditReport: given });
    expect(criterion(complete(), 'AUDIT_REPORT_YEAR')).toMatchObject({ article: '并工信字〔2023〕26号 一.3', required: '2022', actual: '2022', outcome: PASS });
    expect(outcome(audit({ year: 2021 }), 'AUDIT_REPORT_YEAR')).toBe(FAIL);
    expect(outcome(complete(), 'AUDIT_REPORT_YEAR', 2024)).toBe(FAIL);
    expect(outcome(audit({ barcode: null }), 'AUDIT_REPORT_BARCODE')).toBe(FAIL);
    expect(outcome(audit({ sha256: null }), 'AUDIT_REPORT')).toBe(FAIL);
    expect(outcome(audit({ kind: null }), 'AUDIT_REPORT')).toBe(FAIL);
    expect(outcome(audit(null), 'AUDIT_REPORT')).toBe(FAIL);
    expect(criterion(audit({ kind: AuditReportKind.ANNUAL_PLUS_SPECIAL }), 'AUDIT_REPORT_SERVICE_ACCOUNTS')).toMatchObject({
      outcome: NEEDS_REVIEW, note: '须同时见年度审计报告与服务收支专项审计报告',
    });
  });
});

describe('requireCompleteReport', () => {
  it('lets a complete report through', () => {
    expect(() => requireCompleteReport(complete(), CAMPAIGN)).not.toThrow();
  });

  it('refuses with INCOMPLETE_REPORT and what is missing', () => {
    expect(refusal(() => requireCompleteReport(accepted({ staffList: staff(11) }), CAMPAIGN))).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT, reason: 'INCOMPLETE_REPORT', missing: ['STAFF_LIST'],
    });
    const missing = refusal(() => requireCompleteReport(accepted({ auditReport: { year: 2021 }, narratives: { plans: null } }), CAMPAIGN)).missing;
    expect(missing).toEqual(['NARRATIVE_PLANS', 'AUDIT_REPORT_YEAR']);
  });

  it('does not refuse for what only a person can judge', () => {
    expect(() => requireCompleteReport(accepted({ servedEnterprises: served(9), servedEnterprisesLastYear: 41 }), CAMPAIGN)).not.toThrow();
  });

  it('says in Chinese and English what is missing', () => {
    const extensions = refusal(() => requireCompleteReport(accepted({ staffList: staff(11) }), CAMPAIGN));
    expect(extensions.messageZh).toContain('附件2 备注');
    expect(extensions.messageEn).toContain('STAFF_LIST');
  });
});

describe('the GraphQL types', () => {
  @Resolver()
  class ReportProbe {
    @Query(() => ApplicationReport, { description: 'probe' })
    probe(@Arg('input', () => ApplicationReportInput) input: ApplicationReportInput): ApplicationReport {
      return mergeReport(null, input, TODAY);
    }
  }

  it('build, with the Taiyuan names and a Chinese/English description on every type, field and value', async () => {
    const schema = await buildSchema({ resolvers: [ReportProbe] });
    const types = Object.values(schema.getTypeMap()).filter((t) => t.name.startsWith('Taiyuan'));
    expect(types.map((t) => t.name).sort()).toEqual([
      'TaiyuanApplicationReport', 'TaiyuanApplicationReportInput', 'TaiyuanAuditReport', 'TaiyuanAuditReportInput', 'TaiyuanAuditReportKind',
      'TaiyuanEquipmentItem', 'TaiyuanEquipmentItemInput', 'TaiyuanInvestor', 'TaiyuanInvestorInput', 'TaiyuanNarratives', 'TaiyuanNarrativesInput',
      'TaiyuanOperatingYear', 'TaiyuanOperatingYearInput', 'TaiyuanServedEnterprise', 'TaiyuanServedEnterpriseInput', 'TaiyuanServiceLine',
      'TaiyuanServiceLineInput', 'TaiyuanServiceScaleUnit', 'TaiyuanStaffMember', 'TaiyuanStaffMemberInput',
    ]);
    const bilingual = (d: string | null | undefined) => !!d && /[\u4e00-\u9fff]/.test(d) && /\/\s*[A-Za-z(]/.test(d);
    for (const type of types) {
      expect([type.name, bilingual(type.description)]).toEqual([type.name, true]);
      const members = type instanceof GraphQLEnumType ? type.getValues() : (type as GraphQLObjectType | GraphQLInputObjectType).getFields();
      for (const member of Object.values(members)) expect([`${type.name}.${member.name}`, bilingual(member.description)]).toEqual([`${type.name}.${member.name}`, true]);
    }
  });
});
