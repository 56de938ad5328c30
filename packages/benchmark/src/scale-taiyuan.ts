import { bilingual, designationValidUntil } from '@sme/kernel';
import { prng, type Prng } from './scale-prng';
import { ANCHOR_DATE, dateBetween, minDate, timestampOn, addDays, addWorkingDays } from './scale-timeline';
import { figuresFor, type ScaleInstitution } from './scale-registry';
import { TAIYUAN_CITY, isTaiyuanCounty } from './scale-regions';
import { TRADE_NAMES, mobilePhone, personName } from './scale-names';
import { expertOf, reviewerOf, applicantOf, systemOf, type Actor, type Transition } from './scale-status-history';
import { builtTable, type TableLoad } from './scale-tables';
import { textArray, type CopyValue } from './copy-format';
import type { AreaPlan } from './scale-plan';

/**
 * Taiyuan's city flow (SPEC §5, 并工信字〔2023〕26号) and its continuation in Shanxi's provincial review (SPEC §3):
 * applications in every status over the 2023–2026 calls, the counties' surveyed recommendations, the expert
 * panels, the city designations, the recommendations to the province, and the province's reviews, panels and
 * designations.
 */

/** The yearly calls. 2023's is the notice itself, which the taiyuan migration inserts; the later ones are this data set's. */
export interface TaiyuanCampaign {
  year: number;
  document: string;
  opensOn: string;
  deadline: string;
  cityReapplyDesignatedThrough: string;
  provincialReapplyDesignatedBefore: string;
}
export const TAIYUAN_CAMPAIGNS: readonly TaiyuanCampaign[] = [
  { year: 2023, document: '并工信字〔2023〕26号', opensOn: '2023-03-15', deadline: '2023-03-23', cityReapplyDesignatedThrough: '2020-12-31', provincialReapplyDesignatedBefore: '2020-05-01' },
  { year: 2024, document: '太原市 2024 年度市级中小企业公共服务示范平台认定及省级推荐工作通知', opensOn: '2024-03-04', deadline: '2024-03-29', cityReapplyDesignatedThrough: '2021-12-31', provincialReapplyDesignatedBefore: '2021-05-01' },
  { year: 2025, document: '太原市 2025 年度市级中小企业公共服务示范平台认定及省级推荐工作通知', opensOn: '2025-03-03', deadline: '2025-03-28', cityReapplyDesignatedThrough: '2022-12-31', provincialReapplyDesignatedBefore: '2022-05-01' },
  { year: 2026, document: '太原市 2026 年度市级中小企业公共服务示范平台认定及省级推荐工作通知', opensOn: '2026-03-02', deadline: '2026-03-31', cityReapplyDesignatedThrough: '2023-12-31', provincialReapplyDesignatedBefore: '2023-05-01' },
];
/** The campaigns the data set adds (the migration owns 2023's row). */
export const ADDED_CAMPAIGNS = TAIYUAN_CAMPAIGNS.filter((c) => c.year !== 2023);

/** 并工信字〔2023〕26号 二.2、二.3 as the Shanxi review applies them (PROVINCIAL_PLATFORM_RULES). */
const PROVINCIAL_REAPPLY_BEFORE = '2020-05-01';
const PROVINCIAL_VALIDITY_YEARS = 3;
const NOTICE_WORKING_DAYS = 5;
const PARTICIPATION = 0.25;
/** How an institution recommended to Shanxi's provincial review is marked in its `programmes`. */
export const PROVINCIAL_REVIEW = 'shanxi-provincial';

type Outcome = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'COUNTY_RECOMMENDED' | 'COUNTY_REJECTED' | 'EXPERT_REVIEWED' | 'DESIGNATED' | 'REJECTED';
type ReviewOutcome = 'RECEIVED' | 'EXPERT_REVIEWED' | 'IN_PUBLIC_NOTICE' | 'DESIGNATED' | 'REJECTED';

/** How far an application goes, as data: closed ones in any call, open ones in the last. The first participants take these in turn. */
interface Story { outcome: Outcome; weight: number; open: boolean; returnedStep?: 'COUNTY' | 'CITY' }
const STORIES: readonly Story[] = [
  { outcome: 'DESIGNATED', weight: 0.5, open: false },
  { outcome: 'COUNTY_REJECTED', weight: 0.12, open: false },
  { outcome: 'REJECTED', weight: 0.1, open: false },
  { outcome: 'DRAFT', weight: 0.04, open: true },
  { outcome: 'SUBMITTED', weight: 0.05, open: true },
  { outcome: 'RETURNED', weight: 0.03, open: true, returnedStep: 'COUNTY' },
  { outcome: 'RETURNED', weight: 0.02, open: true, returnedStep: 'CITY' },
  { outcome: 'COUNTY_RECOMMENDED', weight: 0.07, open: true },
  { outcome: 'EXPERT_REVIEWED', weight: 0.07, open: true },
];
/** The province's review of a recommendation, when the intake accepts it. */
const REVIEW_STORIES: readonly (readonly [ReviewOutcome, number])[] = [['DESIGNATED', 0.65], ['REJECTED', 0.15], ['RECEIVED', 0.07], ['EXPERT_REVIEWED', 0.07], ['IN_PUBLIC_NOTICE', 0.06]];

/** One application of a participant's track: the call, how far it goes, and (if recommended) the province's review. */
interface TrackStep { year: number; story: Story; review?: ReviewOutcome }

/**
 * The first participants' tracks, so that every status of both flows appears in a small data set: each story of
 * the city flow, each status of the provincial review, and a platform the province designated in 2023 whose 2026
 * recommendation the intake turns down (二.3: still designated, and designated after May 2020).
 */
const DESIGNATED_STORY = STORIES[0];
const COVERAGE_TRACKS: readonly (readonly TrackStep[])[] = [
  ...STORIES.map((story) => [{ year: story.open ? 2026 : 2024, story }]),
  ...(['RECEIVED', 'EXPERT_REVIEWED', 'IN_PUBLIC_NOTICE'] as const).map((review) => [{ year: 2026, story: DESIGNATED_STORY, review }]),
  [{ year: 2025, story: DESIGNATED_STORY, review: 'REJECTED' }],
  [{ year: 2023, story: DESIGNATED_STORY, review: 'DESIGNATED' }, { year: 2026, story: DESIGNATED_STORY, review: 'DESIGNATED' }],
];

const PANELS = [
  [{ name: '张教授', title: '教授', organisation: '太原理工大学' }, { name: '刘高工', title: '正高级工程师', organisation: '太原市中小企业发展促进中心' }, { name: '陈会计师', title: '注册会计师', organisation: '山西某会计师事务所' }],
  [{ name: '王研究员', title: '研究员', organisation: '山西省社会科学院' }, { name: '赵教授', title: '教授', organisation: '山西大学' }],
  [{ name: '孙高工', title: '高级工程师', organisation: '太原市科技情报研究所' }, { name: '李律师', title: '律师', organisation: '山西某律师事务所' }, { name: '周教授', title: '教授', organisation: '中北大学' }],
];
const PROVINCIAL_PANEL = [{ name: '郭研究员', title: '研究员', organisation: '山西省中小企业发展促进中心' }, { name: '吕教授', title: '教授', organisation: '山西财经大学' }];
const METHODS = ['VISIT', 'PHONE', 'ONLINE', 'WRITTEN', 'OTHER'] as const;

const round2 = (x: number) => Math.round(x * 100) / 100;
const share = (part: number, whole: number) => round2((part / whole) * 100);

/** 附件2 as the application stores it (the shares derived as the service derives them), from the registry's figures. */
function report(seed: string, institution: ScaleInstitution, campaignYear: number, rng: Prng): Record<string, unknown> {
  const last = campaignYear - 1;
  const years = [last - 2, last - 1, last].map((year) => ({ year, f: figuresFor(seed, institution, year) }));
  const f = years[2].f;
  const staffCount = Math.max(f.staff, 14);
  const qualifiedStaffCount = Math.min(f.qualifiedStaff, staffCount);
  const equipmentValue = Math.round(f.totalAssets * (0.08 + rng.next() * 0.2));
  const servedEnterprises = Array.from({ length: 12 }, (_, i) => ({
    name: `太原市${rng.pick(TRADE_NAMES)}${rng.pick(['机械', '电子', '食品', '材料', '软件'])}有限公司`, contactPerson: personName(rng), phone: mobilePhone(rng),
    serviceSummary: rng.pick(['融资对接与管理咨询', '技术咨询与检测', '人才培训', '政策申报辅导']), satisfied: i !== 0 || rng.chance(0.5),
  }));
  const ownedArea = f.floorAreaOwned;
  const rentedArea = f.floorAreaRented;
  const founded = institution.establishedOn.slice(0, 4);
  return {
    registeredOn: institution.establishedOn, unitNature: institution.legalForm === 'ENTERPRISE' ? '有限责任公司' : '事业单位', legalRepresentative: institution.legalRepresentative,
    registeredAddress: institution.address, postcode: '030006', contactPerson: institution.contactPerson, contactPhone: `0351-${rng.int(2_000_000, 7_999_999)}`, fax: null,
    mobile: institution.contactPhone, website: null, icpFiling: null, email: `service${institution.index}@example.cn`,
    registeredCapital: Math.round(f.totalAssets * (0.3 + rng.next() * 0.5)),
    investors: [{ name: `${institution.name}控股股东`, nature: '民营', sharePercent: 70 }, { name: '自然人股东', nature: '自然人', sharePercent: 30 }],
    totalAssets: f.totalAssets, equipmentCount: rng.int(10, 80), equipmentValue, equipmentShareOfAssets: share(equipmentValue, f.totalAssets),
    serviceFloorArea: ownedArea + rentedArea, floorAreaOwned: ownedArea, floorAreaRented: rentedArea,
    staffCount, qualifiedStaffCount, qualifiedStaffShare: share(qualifiedStaffCount, staffCount),
    operatingYears: years.map(({ year, f: y }) => ({ year, revenue: y.revenue, serviceRevenue: y.serviceRevenue, totalAssets: y.totalAssets, profit: y.profit, tax: y.tax, smesServed: y.smesServed })),
    qualifications: rng.pick(['人力资源服务许可证；ISO 9001 质量管理体系认证', '检验检测机构资质认定证书', 'ISO 9001 质量管理体系认证']),
    mainServices: [
      { content: '创业辅导与融资对接', scale: f.smesServed, scaleUnit: 'ENTERPRISES', revenueSharePercent: rng.int(30, 60) },
      { content: '专业技术培训', scale: rng.int(300, 3000), scaleUnit: 'PERSON_TIMES', revenueSharePercent: rng.int(10, 30) },
    ],
    partnersWithAgreement: ['太原理工大学', '山西某律师事务所', '某银行太原分行'].slice(0, rng.int(1, 3)), otherPartners: ['太原市科技服务协会'],
    governmentSupport: `${last} 年获市级中小企业发展专项资金支持`,
    equipmentList: [
      { name: '服务平台服务器', quantity: rng.int(2, 8), purchasedOn: `${last - 1}-05-10`, price: 40, industryLeading: false },
      { name: '检测分析仪', quantity: 1, purchasedOn: `${last}-09-01`, price: 80, industryLeading: true },
    ],
    staffList: Array.from({ length: 12 + rng.int(0, 2) }, (_, i) => ({
      name: personName(rng), age: rng.int(25, 58), education: rng.pick(['大学本科', '硕士研究生', '大学专科']), school: rng.pick(['山西大学', '太原理工大学', '中北大学', '山西财经大学']),
      title: rng.pick(['工程师', '经济师', '会计师', '助理工程师']), responsibility: i === 0 ? '平台负责人' : '企业服务',
    })),
    servedEnterprises, servedEnterprisesLastYear: f.smesServed,
    satisfactionRate: share(servedEnterprises.filter((e) => e.satisfied).length, servedEnterprises.length),
    narratives: {
      basicSituation: `${institution.name}成立于 ${founded} 年，专注中小企业公共服务。`, regionalContext: '服务区域以装备制造、新材料企业为主，融资与人才需求突出。',
      operations: '建立服务质量、收费公示、人员考核等管理制度。', recentServices: '近三年累计服务中小企业三百余家，公益性服务占比超过三成。',
      features: '线上服务平台与线下服务站结合，集聚高校、金融机构资源。', achievements: '协助企业获得贷款与专项资金，典型案例三例。', plans: '拓展数字化转型诊断与专精特新培育服务。',
    },
    auditReport: { kind: 'ANNUAL_WITH_SERVICE_ACCOUNTS', year: last, barcode: `晋${String(last).slice(2)}${rng.hex(10).toUpperCase()}`, fileName: `${last}年度审计报告.pdf`, sha256: rng.hex(64) },
  };
}

interface CityDesignation { id: string; institution: ScaleInstitution; applicationId: string; campaignYear: number; designatedOn: string; validUntil: string }
interface ProvincialDesignation { institutionId: string; designatedOn: string; validUntil: string }

export function planTaiyuan(seed: string, institutions: readonly ScaleInstitution[]): AreaPlan {
  const participants = institutions.filter((i) => i.qualified && !i.listedOn && isTaiyuanCounty(i.regionCode) && prng(seed, 'taiyuan.participation', i.index).chance(PARTICIPATION));
  const city = reviewerOf('CITY_REVIEWER', TAIYUAN_CITY);
  const province = reviewerOf('PROVINCE_REVIEWER', '140000');
  const intake = systemOf('shanxi-taiyuan-intake');
  const applications: CopyValue[][] = [];
  const countyRecommendations: CopyValue[][] = [];
  const expertReviews: CopyValue[][] = [];
  const designations: CityDesignation[] = [];
  const recommendations: CopyValue[][] = [];
  const reviews: CopyValue[][] = [];
  const provincialExperts: CopyValue[][] = [];
  const provincialDesignations: CopyValue[][] = [];
  const transitions: Transition[] = [];
  const shanxiTransitions: Transition[] = [];
  const held = new Map<string, ProvincialDesignation[]>();

  const apply = (institution: ScaleInstitution, campaign: TaiyuanCampaign, story: Story, rng: Prng, review?: ReviewOutcome): CityDesignation | null => {
    const id = rng.uuid();
    const county = reviewerOf('COUNTY_REVIEWER', institution.regionCode);
    const applicant = applicantOf(institution.creditCode);
    // 一.5: within the call; the county recommends by the deadline, the city decides in the weeks after
    const createdOn = dateBetween(rng, campaign.opensOn, addDays(campaign.deadline, -4));
    const submittedOn = dateBetween(rng, createdOn, minDate(addDays(createdOn, 3), addDays(campaign.deadline, -2)));
    let status: Outcome = 'DRAFT';
    let version = 1;
    let day = createdOn;
    const row: Record<string, CopyValue> = { submitted_on: null, returned_step: null, return_reason: null, rejection_reason: null, closed_on: null };
    const move = (to: Outcome, action: string, actor: Actor, on: string, reason: string | null = null) => {
      transitions.push({ recordType: 'TaiyuanApplication', recordId: id, from: status, to, action, actor, on, reason });
      status = to;
      version++;
      day = on;
    };
    transitions.push({ recordType: 'TaiyuanApplication', recordId: id, from: null, to: 'DRAFT', action: 'CREATE', actor: applicant, on: createdOn });
    const outcome = story.outcome;
    let designation: CityDesignation | null = null;
    if (outcome !== 'DRAFT') {
      move('SUBMITTED', 'SUBMIT', applicant, submittedOn);
      row.submitted_on = submittedOn;
    }
    if (outcome === 'COUNTY_REJECTED') {
      const reason = '测评满意度偏低，暂不推荐';
      move('COUNTY_REJECTED', 'COUNTY_REJECT', county, dateBetween(rng, addDays(day, 1), campaign.deadline), reason);
      Object.assign(row, { rejection_reason: reason, closed_on: day });
    }
    if (outcome === 'RETURNED' && story.returnedStep === 'COUNTY') {
      const reason = '请补充上一年度审计报告扫描件';
      move('RETURNED', 'COUNTY_RETURN', county, dateBetween(rng, addDays(day, 1), campaign.deadline), reason);
      Object.assign(row, { returned_step: 'COUNTY', return_reason: reason });
    }
    const reachesCounty = ['COUNTY_RECOMMENDED', 'EXPERT_REVIEWED', 'DESIGNATED', 'REJECTED'].includes(outcome) || story.returnedStep === 'CITY';
    if (reachesCounty) {
      const recommendedOn = dateBetween(rng, addDays(day, 1), campaign.deadline);
      const methods = rng.sample(METHODS.slice(0, 4), rng.int(1, 2));
      const survey = Array.from({ length: rng.int(10, 14) }, (_, i) => ({
        enterprise: `太原市受访企业${institution.index}-${i + 1}有限公司`, interviewee: personName(rng), title: rng.pick(['总经理', '财务负责人', '办公室主任']),
        phone: mobilePhone(rng), serviceReceived: rng.pick(['融资对接', '管理咨询', '技术服务', '人才培训']),
        rating: rng.weighted([['VERY_SATISFIED', 0.7], ['SATISFIED', 0.25], ['DISSATISFIED', 0.05]] as const),
      }));
      const opinion = rng.pick(['经测评和实地考察，同意推荐。', '测评满意度高，同意推荐。', '服务成效明显，同意推荐。']);
      countyRecommendations.push([
        rng.uuid(), id, textArray(methods), survey, '带动区域中小企业融资与管理水平提升，服务覆盖全区重点产业。', opinion, recommendedOn, county.id, timestampOn(recommendedOn, 200),
      ]);
      move('COUNTY_RECOMMENDED', 'COUNTY_RECOMMEND', county, recommendedOn, opinion);
      row.countyOpinion = opinion;
    }
    if (story.returnedStep === 'CITY') {
      const reason = '请补充主要服务设备清单';
      move('RETURNED', 'CITY_RETURN', city, minDate(addDays(day, rng.int(7, 30)), ANCHOR_DATE), reason);
      Object.assign(row, { returned_step: 'CITY', return_reason: reason });
    }
    if (['EXPERT_REVIEWED', 'DESIGNATED', 'REJECTED'].includes(outcome)) {
      const reviewedOn = minDate(addDays(day, rng.int(7, 40)), ANCHOR_DATE);
      const recommends = outcome !== 'REJECTED' || rng.chance(0.3);
      const opinion = recommends ? '服务功能完善，业绩突出，建议认定。' : '服务规模偏小，暂不建议认定。';
      expertReviews.push([rng.uuid(), id, rng.pick(PANELS), opinion, recommends, reviewedOn, expertOf(`taiyuan-${campaign.year}`).id, timestampOn(reviewedOn, 220)]);
      move('EXPERT_REVIEWED', 'RECORD_EXPERT_REVIEW', expertOf(`taiyuan-${campaign.year}`), reviewedOn, opinion);
    }
    if (outcome === 'REJECTED') {
      const reason = '经专家评审，不予认定';
      move('REJECTED', 'CITY_REJECT', city, addDays(day, rng.int(3, 20)), reason);
      Object.assign(row, { rejection_reason: reason, closed_on: day });
    }
    if (outcome === 'DESIGNATED') {
      const designatedOn = addDays(day, rng.int(3, 20));
      // 一.2 认定有效期为3年
      designation = { id: rng.uuid(), institution, applicationId: id, campaignYear: campaign.year, designatedOn, validUntil: designationValidUntil(designatedOn, 3) };
      move('DESIGNATED', 'DESIGNATE', city, designatedOn, `认定为太原市市级中小企业公共服务示范平台，有效期至 ${designation.validUntil}`);
      row.closed_on = designatedOn;
      designations.push(designation);
    }
    applications.push([
      id, campaign.year, institution.id, institution.regionCode, status, report(seed, institution, campaign.year, rng), row.submitted_on, row.returned_step, row.return_reason,
      row.rejection_reason, row.closed_on, timestampOn(createdOn, 30), timestampOn(day, 430), version,
    ]);
    if (designation && (review || rng.chance(0.6))) recommend(designation, row.countyOpinion as string, rng, review);
    return designation;
  };

  /** 二: the city recommends a platform it designated; Shanxi takes the recommendation in the day it is made. */
  const recommend = (d: CityDesignation, countyOpinion: string, rng: Prng, forced?: ReviewOutcome) => {
    const id = rng.uuid();
    if (!d.institution.programmes.includes(PROVINCIAL_REVIEW)) d.institution.programmes.push(PROVINCIAL_REVIEW);
    const recommendedOn = minDate(addDays(d.designatedOn, rng.int(3, 20)), ANCHOR_DATE);
    const cityOpinion = '同意推荐申报省级示范平台。';
    recommendations.push([id, d.institution.id, d.id, d.campaignYear, d.institution.regionCode, recommendedOn, countyOpinion, cityOpinion, timestampOn(recommendedOn, 240)]);
    const reviewId = prng(seed, 'shanxi.provincial_review', id).uuid();
    const received = recommendedOn;
    const move = (from: ReviewOutcome | null, to: ReviewOutcome, action: string, actor: Actor, on: string, reason: string | null = null) =>
      shanxiTransitions.push({ recordType: 'ShanxiProvincialReview', recordId: reviewId, from, to, action, actor, on, reason });
    move(null, 'RECEIVED', 'RECEIVE', intake, received);
    const r: Record<string, CopyValue> = { expert: null, noticeStarts: null, noticeEnds: null, decided: null, ground: null, reason: null };
    let status: ReviewOutcome = 'RECEIVED';
    let version = 1;
    let day = received;
    // 二.3: a provincial designation from May 2020 on, still valid on the day recommended, bars a new one at intake
    const holding = (held.get(d.institution.id) ?? []).find((p) => p.designatedOn <= received && received <= p.validUntil && p.designatedOn >= PROVINCIAL_REAPPLY_BEFORE);
    if (holding) {
      const reason = bilingual({
        zh: `并工信字〔2023〕26号 二.3：省级示范平台每次认定有效期为三年，凡2020年5月前认定的省级示范平台可于今年重新申请认定；该机构的省级认定（${holding.designatedOn} 认定，有效期至 ${holding.validUntil}）于推荐日 ${received} 仍在有效期内`,
        en: `并工信字〔2023〕26号 II.3: a provincial designation lasts three years and only platforms designated before May 2020 may re-apply; the institution's designation (designated ${holding.designatedOn}, valid through ${holding.validUntil}) was still valid on ${received}`,
      });
      Object.assign(r, { decided: received, ground: 'PROVINCIAL_DESIGNATION_STILL_VALID', reason });
      move('RECEIVED', 'REJECTED', 'REJECT', intake, received, reason);
      status = 'REJECTED';
    } else {
      // an open review sits in the last call; earlier ones were decided
      const options = d.campaignYear === 2026 ? REVIEW_STORIES : REVIEW_STORIES.filter(([o]) => o === 'DESIGNATED' || o === 'REJECTED');
      const outcome = forced ?? rng.weighted(options);
      const rejectAt = outcome === 'REJECTED' ? rng.pick(['RECEIVED', 'EXPERT_REVIEWED'] as const) : null;
      if (outcome !== 'RECEIVED' && rejectAt !== 'RECEIVED') {
        const reviewedOn = minDate(addDays(day, rng.int(7, 25)), ANCHOR_DATE);
        const recommended = outcome !== 'REJECTED';
        provincialExperts.push([rng.uuid(), reviewId, reviewedOn, PROVINCIAL_PANEL, recommended ? '符合省级示范平台条件' : '服务能力与省级示范平台要求尚有差距', recommended, expertOf('shanxi-provincial').id, timestampOn(reviewedOn, 260)]);
        move('RECEIVED', 'EXPERT_REVIEWED', 'RECORD_EXPERT_REVIEW', expertOf('shanxi-provincial'), reviewedOn, recommended ? '符合省级示范平台条件' : '服务能力与省级示范平台要求尚有差距');
        r.expert = reviewedOn;
        status = 'EXPERT_REVIEWED';
        version++;
        day = reviewedOn;
      }
      if (outcome === 'IN_PUBLIC_NOTICE' || outcome === 'DESIGNATED') {
        const startsOn = minDate(addDays(day, rng.int(1, 7)), ANCHOR_DATE);
        const endsOn = addWorkingDays(startsOn, NOTICE_WORKING_DAYS);
        Object.assign(r, { noticeStarts: startsOn, noticeEnds: endsOn });
        move('EXPERT_REVIEWED', 'IN_PUBLIC_NOTICE', 'START_PUBLIC_NOTICE', province, startsOn, `公示至 ${endsOn}`);
        status = 'IN_PUBLIC_NOTICE';
        version++;
        day = startsOn;
        if (outcome === 'DESIGNATED') {
          const decidedOn = addDays(endsOn, rng.int(1, 6));
          const validUntil = designationValidUntil(decidedOn, PROVINCIAL_VALIDITY_YEARS);
          provincialDesignations.push([rng.uuid(), reviewId, d.institution.id, id, d.campaignYear, decidedOn, validUntil, null, null, timestampOn(decidedOn, 280)]);
          held.set(d.institution.id, [...(held.get(d.institution.id) ?? []), { institutionId: d.institution.id, designatedOn: decidedOn, validUntil }]);
          move('IN_PUBLIC_NOTICE', 'DESIGNATED', 'DESIGNATE', province, decidedOn);
          Object.assign(r, { decided: decidedOn });
          status = 'DESIGNATED';
          version++;
          day = decidedOn;
        }
      }
      if (outcome === 'REJECTED') {
        const decidedOn = minDate(addDays(day, rng.int(3, 20)), ANCHOR_DATE);
        const reason = '经省级审核，服务业绩未达到省级示范平台要求，不予认定';
        move(status, 'REJECTED', 'REJECT', province, decidedOn, reason);
        Object.assign(r, { decided: decidedOn, ground: 'PROVINCIAL_DECISION', reason });
        status = 'REJECTED';
        version++;
        day = decidedOn;
      }
    }
    reviews.push([
      reviewId, id, d.institution.id, d.campaignYear, recommendedOn, d.institution.regionCode, TAIYUAN_CITY, d.id, d.designatedOn, d.validUntil, countyOpinion, cityOpinion,
      status, received, r.expert, r.noticeStarts, r.noticeEnds, r.decided, r.ground, r.reason, timestampOn(received, 250), timestampOn(day, 470), version,
    ]);
  };

  for (const [k, institution] of participants.entries()) {
    institution.programmes.push('taiyuan');
    const rng = prng(seed, 'taiyuan.institution', institution.index);
    // the first participants follow the coverage tracks; the rest follow their own years
    if (k < COVERAGE_TRACKS.length) {
      for (const step of COVERAGE_TRACKS[k]) apply(institution, TAIYUAN_CAMPAIGNS.find((c) => c.year === step.year)!, step.story, rng, step.review);
      continue;
    }
    let year: number = rng.weighted([[2023, 0.3], [2024, 0.25], [2025, 0.25], [2026, 0.2]] as const);
    while (year <= 2026) {
      const campaign = TAIYUAN_CAMPAIGNS.find((c) => c.year === year)!;
      const candidates = STORIES.filter((s) => !s.open || year === 2026);
      const story = rng.weighted(candidates.map((s) => [s, s.weight] as const));
      const designation = apply(institution, campaign, story, rng);
      // 一.2: a designated platform may apply again once the next call allows it (designated in 2023: the 2026 call)
      if (designation) year = rng.chance(0.5) ? year + 3 : 9999;
      else if (!story.open && rng.chance(0.3)) year += 1;
      else break;
    }
  }

  const tables: TableLoad[] = [
    builtTable('taiyuan', 'applications',
      ['id', 'campaign_year', 'institution_id', 'region_code', 'status', 'report', 'submitted_on', 'returned_step', 'return_reason', 'rejection_reason', 'closed_on', 'created_at', 'updated_at', 'version'],
      applications),
    builtTable('taiyuan', 'county_recommendations',
      ['id', 'application_id', 'methods', 'survey', 'impact_statement', 'opinion', 'recommended_on', 'recommended_by', 'recorded_at'], countyRecommendations),
    builtTable('taiyuan', 'expert_reviews', ['id', 'application_id', 'panel', 'opinion', 'recommends_designation', 'reviewed_on', 'recorded_by', 'recorded_at'], expertReviews),
    builtTable('taiyuan', 'city_designations',
      ['id', 'institution_id', 'application_id', 'campaign_year', 'designated_on', 'valid_until', 'revoked_on', 'revocation_reason', 'created_at'],
      designations.map((d) => [d.id, d.institution.id, d.applicationId, d.campaignYear, d.designatedOn, d.validUntil, null, null, timestampOn(d.designatedOn, 440)])),
    builtTable('taiyuan', 'provincial_recommendations',
      ['id', 'institution_id', 'designation_id', 'campaign_year', 'region_code', 'recommended_on', 'county_opinion', 'city_opinion', 'created_at'], recommendations),
    builtTable('shanxi', 'provincial_platform_reviews',
      ['id', 'recommendation_id', 'institution_id', 'campaign_year', 'recommended_on', 'region_code', 'city_code', 'city_designation_id', 'city_designated_on',
        'city_designation_valid_until', 'county_opinion', 'city_opinion', 'status', 'received_on', 'expert_reviewed_on', 'notice_starts_on', 'notice_ends_on', 'decided_on',
        'rejection_ground', 'rejection_reason', 'created_at', 'updated_at', 'version'],
      reviews),
    builtTable('shanxi', 'provincial_expert_reviews', ['id', 'review_id', 'reviewed_on', 'panel', 'opinion', 'recommended', 'recorded_by', 'recorded_at'], provincialExperts),
    builtTable('shanxi', 'provincial_platform_designations',
      ['id', 'review_id', 'institution_id', 'recommendation_id', 'campaign_year', 'designated_on', 'valid_until', 'revoked_on', 'revocation_reason', 'created_at'], provincialDesignations),
  ];
  return { tables, transitions: { taiyuan: transitions, shanxi: shanxiTransitions } };
}
