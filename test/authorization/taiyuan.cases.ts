import { randomUUID } from 'node:crypto';
import { addDays, chinaToday } from '@sme/kernel';
import type { CaseSetFactory, MutationCase, Target } from '../support/authorization-matrix';
import { registerInstitutions } from '../support/institution-supply';
import { eventsSettled } from '../support/event-quiescence';
import { recordStock } from '../support/record-stock';
import { TAIYUAN_PANEL, TEN_SURVEYED, campaignCovering, openTaiyuanSchema, walkTaiyuan, type TaiyuanStage } from '../support/taiyuan-setup';

/**
 * Taiyuan's mutations (SPEC §5; 并工信字〔2023〕26号) in the authorization matrix. Who acts at each step is the
 * notice's: the institution applies (附件2); its county (县（市、区）、开发区) surveys and recommends (一.4, 附件1);
 * the city (市工信局) opens the call, organises the expert panel, designates and recommends to the province
 * (一.4, 二); the panel records its opinion. Every application is of an institution of 小店区 (140105).
 */
const REGION = '140105';
const TAIYUAN = '140100';

const CREATE = `mutation($input: CreateTaiyuanApplicationInput!) { createTaiyuanApplication(input: $input) { id status } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateTaiyuanApplicationInput!) { updateTaiyuanApplication(id: $id, input: $input) { id status } }`;
const SUBMIT = `mutation($id: ID!) { submitTaiyuanApplication(id: $id) { id status } }`;
const RECOMMEND = `mutation($input: RecommendTaiyuanApplicationInput!) { recommendTaiyuanApplication(input: $input) { id status } }`;
const DECLINE = `mutation($input: DeclineTaiyuanApplicationInput!) { declineTaiyuanApplication(input: $input) { id status } }`;
const EXPERT_REVIEW = `mutation($input: RecordTaiyuanExpertReviewInput!) { recordTaiyuanExpertReview(input: $input) { reviewedOn recommendsDesignation } }`;
const DESIGNATE = `mutation($applicationId: ID!) { designateTaiyuanPlatform(applicationId: $applicationId) { status validUntil } }`;
const RECOMMEND_TO_PROVINCE = `mutation($input: RecommendTaiyuanPlatformToProvinceInput!) { recommendTaiyuanPlatformToProvince(input: $input) { id recommendedOn } }`;
const OPEN_CAMPAIGN = `mutation($input: OpenTaiyuanCampaignInput!) { openTaiyuanCampaign(input: $input) { year deadline } }`;

export const taiyuanCases: CaseSetFactory = async (endpoints) => {
  const orm = await openTaiyuanSchema(endpoints.databaseUrl);
  const today = chinaToday();
  // the steps before the one under test are taken three weeks back, in a call still open today
  const setupDay = addDays(today, -21);
  const year = await campaignCovering(orm, setupDay, today);
  const institutions = recordStock((count) => registerInstitutions(endpoints, count, { regionCode: REGION, label: '矩阵太原测试', knownTo: ['taiyuan'] }));
  let campaignYear = 2060; // calls of years no other record uses, one per prepared record

  const ready = async (institutionId: string, variables: Record<string, unknown>, extra: Partial<Target> = {}): Promise<Target> => {
    await eventsSettled(endpoints.databaseUrl);
    return { regionCode: REGION, institutionId, variables, ...extra };
  };
  /** A fresh institution's application brought to `stage`. */
  const application = async (stage: TaiyuanStage) => {
    const institutionId = await institutions.take();
    return { institutionId, ...(await walkTaiyuan(orm, institutionId, year, stage, setupDay)) };
  };

  const cases: MutationCase[] = [
    {
      mutation: 'openTaiyuanCampaign',
      subgraph: 'taiyuan',
      document: OPEN_CAMPAIGN,
      // 一: the notice is the city's (太原市工业和信息化局); a county inside Taiyuan (its reviewer "inside") may not issue it
      allowed: ['CITY_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const y = campaignYear++;
        return ready(randomUUID(), { input: { year: y, document: `${y} 年度太原市示范平台工作通知`, opensOn: `${y}-03-01`, deadline: `${y}-03-31` } }, {
          regionCode: TAIYUAN, scopes: { COUNTY_REVIEWER: REGION },
        });
      },
    },
    {
      mutation: 'createTaiyuanApplication',
      subgraph: 'taiyuan',
      document: CREATE,
      // 附件2 申请报告 is the institution's own
      allowed: ['APPLICANT:in', 'ADMIN'],
      async prepare() {
        const institutionId = await institutions.take();
        return ready(institutionId, { input: { institutionId, campaignYear: year } });
      },
    },
    {
      mutation: 'updateTaiyuanApplication',
      subgraph: 'taiyuan',
      document: UPDATE,
      allowed: ['APPLICANT:in', 'ADMIN'],
      async prepare() {
        const { institutionId, applicationId } = await application('DRAFT');
        return ready(institutionId, { id: applicationId, input: { report: { contactPerson: '王联系' } } });
      },
    },
    {
      mutation: 'submitTaiyuanApplication',
      subgraph: 'taiyuan',
      document: SUBMIT,
      allowed: ['APPLICANT:in', 'ADMIN'],
      async prepare() {
        const { institutionId, applicationId } = await application('DRAFT');
        return ready(institutionId, { id: applicationId });
      },
    },
    {
      mutation: 'recommendTaiyuanApplication',
      subgraph: 'taiyuan',
      document: RECOMMEND,
      // 一.4: the county or development zone where the institution is registered surveys and recommends, not the city
      allowed: ['COUNTY_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const { institutionId, applicationId } = await application('SUBMITTED');
        return ready(institutionId, { input: { applicationId, methods: ['VISIT', 'PHONE'], survey: TEN_SURVEYED, impactStatement: '带动区域中小企业融资。', opinion: '同意推荐。' } });
      },
    },
    {
      mutation: 'declineTaiyuanApplication',
      subgraph: 'taiyuan',
      document: DECLINE,
      // at the county step only the county returns or rejects
      allowed: ['COUNTY_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const { institutionId, applicationId } = await application('SUBMITTED');
        return ready(institutionId, { input: { applicationId, step: 'COUNTY', action: 'RETURN', reason: '请补充审计报告条码。' } });
      },
    },
    {
      mutation: 'declineTaiyuanApplication',
      subgraph: 'taiyuan',
      document: DECLINE,
      // at the city step only the city (一.4 市工信局…对符合条件的认定)
      allowed: ['CITY_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const { institutionId, applicationId } = await application('COUNTY_RECOMMENDED');
        return ready(institutionId, { input: { applicationId, step: 'CITY', action: 'REJECT', reason: '服务业绩不足。' } });
      },
    },
    {
      mutation: 'recordTaiyuanExpertReview',
      subgraph: 'taiyuan',
      document: EXPERT_REVIEW,
      // 一.4 市工信局组织专家进行评审: the campaign's panel records its opinion, or the city records it for the panel
      allowed: ['EXPERT:in', 'CITY_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const { institutionId, applicationId } = await application('COUNTY_RECOMMENDED');
        return ready(institutionId, { input: { applicationId, panel: TAIYUAN_PANEL, opinion: '建议认定。', recommendsDesignation: true } }, { panel: `taiyuan-${year}` });
      },
    },
    {
      mutation: 'designateTaiyuanPlatform',
      subgraph: 'taiyuan',
      document: DESIGNATE,
      allowed: ['CITY_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const { institutionId, applicationId } = await application('EXPERT_REVIEWED');
        return ready(institutionId, { applicationId });
      },
    },
    {
      mutation: 'recommendTaiyuanPlatformToProvince',
      subgraph: 'taiyuan',
      document: RECOMMEND_TO_PROVINCE,
      // 一.4 并向省小企业发展促进局推荐: the city recommends its designated platforms
      allowed: ['CITY_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const { institutionId } = await application('DESIGNATED');
        return ready(institutionId, { input: { institutionId, campaignYear: year, cityOpinion: '同意推荐。' } });
      },
    },
  ];
  // every prepared record but the calls needs an institution taiyuan knows: learned in one batch
  await institutions.fill(cases.filter((c) => c.mutation !== 'openTaiyuanCampaign').reduce((n, c) => n + 1 + c.allowed.length, 0));
  return { cases, close: () => orm.close(true) };
};
