import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EligibilityOutcome, FactSource, TaiyuanEvent, addDays, addYears, badInput, designationStatus, eligibilityReport, expectVersion, findKnownInstitution,
  findRegion, invalidTransition, isUuid, isWithin, notEligible, notFound, notInFuture, paragraphs, publishEvent, recordAudit, text, writeTransaction, PlatformDesignationStatus,
  type AuthUser, type CityDesignationPayload, type EligibilityCriterion, type EligibilityReport,
} from '@sme/kernel';
import { TaiyuanApplication } from './application.entity';
import { TaiyuanApplicationStatus as Status, TaiyuanStep, allowedActions } from './application-status';
import { emptyReport, mergeReport, reportCriteria, requireCompleteReport } from './application-report';
import { APPLICATION, applicationSnapshot, recordTransition } from './application-history';
import { DeclineAction, type CreateApplicationInput, type DeclineInput, type ExpertReviewInput, type RecommendInput, type UpdateApplicationInput } from './application.inputs';
import { findCampaign, requireOpen } from '../campaigns/campaigns.service';
import type { Campaign } from '../campaigns/campaign.entity';
import { CountyRecommendation } from '../county-recommendations/county-recommendation.entity';
import { SurveyMethod, type SurveyEntry } from '../county-recommendations/survey';
import { ExpertReview } from '../expert-reviews/expert-review.entity';
import { CityDesignation } from '../designations/city-designation.entity';
import { TAIYUAN, mayActForCity, mayActForCounty, mayActForInstitution, mayRecordExpertReview } from '../permissions';

const NOTICE = '并工信字〔2023〕26号';
/** 附件1 推荐单位组织测评情况（随机抽取，不少于10家） */
export const MIN_SURVEYED = 10;

export async function findApplication(em: EntityManager, id: string): Promise<TaiyuanApplication> {
  const application = isUuid(id) ? await em.findOne(TaiyuanApplication, { id }) : null;
  if (!application) throw notFound({ zh: '市级示范平台申请', en: 'Application' }, id);
  return application;
}

function requireStatus(application: TaiyuanApplication, action: string, ...statuses: Status[]): void {
  if (!statuses.includes(application.status)) throw invalidTransition(application.status, action, allowedActions(application.status));
}

const criterion = (c: Omit<EligibilityCriterion, 'registryValue' | 'note'> & { note?: string | null }): EligibilityCriterion => ({ registryValue: null, note: null, ...c });

/** 一.4 县（市、区）、开发区: the applicant's region is a county or development zone of Taiyuan. */
function taiyuanCounty(regionCode: string): EligibilityCriterion {
  const region = findRegion(regionCode);
  const ok = !!region && region.level === 'COUNTY' && isWithin(regionCode, TAIYUAN);
  return criterion({
    code: 'REGISTERED_IN_TAIYUAN', article: `${NOTICE} 一.4`, description: '注册在太原市所辖县（市、区）或开发区', required: '太原市 140100 下的县级区划',
    actual: region ? `${region.code} ${region.name}` : regionCode, source: FactSource.REGISTRY, outcome: ok ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL,
  });
}

/**
 * 一.2 2020年底前认定的市级示范平台可于今年重新申请认定: an institution holding a city designation that is still
 * valid may apply again only when it was designated on or before the campaign's re-application date. Only a
 * designation held on the date judged counts, and never the one the application itself led to: a designated
 * application must not fail its own check.
 */
async function reapplicationCriterion(em: EntityManager, campaign: Campaign, institutionId: string, asOf: string, applicationId: string | null = null): Promise<EligibilityCriterion> {
  return reapplicationCriterionOf(await em.find(CityDesignation, { institutionId }, { orderBy: { designatedOn: 'desc', id: 'asc' } }), campaign, asOf, applicationId);
}

/** The 一.2 check on the institution's city designations, latest first (as read above, or by a request's loader). */
function reapplicationCriterionOf(designations: readonly CityDesignation[], campaign: Campaign, asOf: string, applicationId: string | null): EligibilityCriterion {
  const held = (d: CityDesignation) =>
    d.designatedOn <= asOf && (applicationId === null || d.applicationId !== applicationId) && designationStatus(d, asOf) === PlatformDesignationStatus.DESIGNATED;
  const current = designations.find(held);
  const ok = !current || current.designatedOn <= campaign.cityReapplyDesignatedThrough;
  return criterion({
    code: 'REAPPLICATION', article: `${NOTICE} 一.2`, description: '未持有有效的市级认定，或认定于重新申请截止日及以前',
    required: `无有效认定，或认定日期不晚于 ${campaign.cityReapplyDesignatedThrough}`,
    actual: current ? `${current.designatedOn} 认定，有效期至 ${current.validUntil}` : '无有效认定', source: FactSource.PROGRAMME,
    outcome: ok ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL,
  });
}

/** What the check reads besides the application: its campaign, the institution's city designations (latest first), the county's survey. */
export interface EligibilityFacts {
  campaign: Campaign;
  designations: readonly CityDesignation[];
  recommendation: CountyRecommendation | null;
}

/** The application's check (SPEC §2): region, re-application, deadline, the 附件2 report, and the county's survey. */
export function eligibilityReportOf(application: TaiyuanApplication, { campaign, designations, recommendation }: EligibilityFacts, today: string): EligibilityReport {
  const asOf = application.submittedOn ?? today;
  const criteria = [taiyuanCounty(application.regionCode), reapplicationCriterionOf(designations, campaign, asOf, application.id)];
  criteria.push(criterion({
    code: 'DEADLINE', article: `${NOTICE} 一.5`, description: '在截止日期前报送（逾期不予受理）', required: `不晚于 ${campaign.deadline}`,
    actual: application.submittedOn, source: FactSource.PROGRAMME,
    outcome: application.submittedOn == null ? EligibilityOutcome.NEEDS_REVIEW : application.submittedOn <= campaign.deadline ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL,
    note: application.submittedOn == null ? '尚未提交' : null,
  }));
  criteria.push(...reportCriteria(application.report, application.campaignYear));
  if (recommendation) {
    criteria.push(criterion({
      code: 'SURVEY_SAMPLE', article: `${NOTICE} 附件1`, description: '推荐单位随机抽取服务企业测评', required: `≥ ${MIN_SURVEYED} 家`,
      actual: String(recommendation.survey.length), source: FactSource.PROGRAMME,
      outcome: recommendation.survey.length >= MIN_SURVEYED ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL,
    }));
  }
  return eligibilityReport(`${NOTICE}（参照晋企发〔2018〕29号）`, asOf, criteria);
}

/** The check as a write reads it, inside its transaction. */
export async function eligibilityOf(em: EntityManager, application: TaiyuanApplication, recommendation: CountyRecommendation | null, today: string): Promise<EligibilityReport> {
  const campaign = await findCampaign(em, application.campaignYear);
  const designations = await em.find(CityDesignation, { institutionId: application.institutionId }, { orderBy: { designatedOn: 'desc', id: 'asc' } });
  return eligibilityReportOf(application, { campaign, designations, recommendation }, today);
}

export async function createApplication(em: EntityManager, user: AuthUser | null, input: CreateApplicationInput, today: string): Promise<TaiyuanApplication> {
  const actor = mayActForInstitution(user, input.institutionId);
  const report = mergeReport(emptyReport(), input.report ?? {}, today);
  return writeTransaction(em, async (tx) => {
    const campaign = await findCampaign(tx, input.campaignYear);
    requireOpen(campaign, today);
    const institution = await findKnownInstitution(tx, input.institutionId);
    const checks = [taiyuanCounty(institution.regionCode), await reapplicationCriterion(tx, campaign, institution.id, today)];
    if (checks.some((c) => c.outcome === EligibilityOutcome.FAIL)) throw notEligible(eligibilityReport(NOTICE, today, checks));
    const application = tx.create(TaiyuanApplication, { campaignYear: campaign.year, institutionId: institution.id, regionCode: institution.regionCode, report });
    tx.persist(application);
    await tx.flush(); // one application per institution and campaign (CONFLICT)
    recordTransition(tx, actor, application, { from: null, action: 'CREATE', on: today, before: null });
    return application;
  });
}

export async function updateApplication(em: EntityManager, user: AuthUser | null, id: string, input: UpdateApplicationInput, today: string): Promise<TaiyuanApplication> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, id);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, 'UPDATE', Status.DRAFT, Status.RETURNED);
    expectVersion(application.version, input.expectedVersion);
    const before = application.report;
    application.report = mergeReport(application.report, input.report, today);
    await tx.flush();
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: 'UPDATE_REPORT', before, after: application.report });
    return application;
  });
}

/**
 * 一.5: the application reaches its county by the deadline; a returned one goes back to the step that returned it.
 * One the city returned was lodged in time and recommended by its county (一.5 concerns what reaches the city by
 * the deadline): the answer to the city's return is not a late submission, so the deadline does not bar it and the
 * date it was lodged stays its submission date (the status history records the resubmission). One the county
 * returned goes back to the county, which can recommend only by the deadline, so it must come back by then.
 */
export async function submitApplication(em: EntityManager, user: AuthUser | null, id: string, today: string): Promise<TaiyuanApplication> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, id);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, 'SUBMIT', Status.DRAFT, Status.RETURNED);
    const backToCity = application.status === Status.RETURNED && application.returnedStep === TaiyuanStep.CITY;
    if (!backToCity) requireOpen(await findCampaign(tx, application.campaignYear), today);
    requireCompleteReport(application.report, application.campaignYear);
    const before = applicationSnapshot(application);
    const from = application.status;
    application.status = backToCity ? Status.COUNTY_RECOMMENDED : Status.SUBMITTED;
    if (!backToCity) application.submittedOn = today;
    application.returnedStep = null;
    application.returnReason = null;
    await tx.flush();
    recordTransition(tx, actor, application, { from, action: from === Status.RETURNED ? 'RESUBMIT' : 'SUBMIT', on: today, before });
    return application;
  });
}

function checkSurvey(input: RecommendInput): { methods: SurveyMethod[]; survey: SurveyEntry[] } {
  if (input.methods.length === 0) throw badInput({ zh: '请选择测评方法（附件1）', en: 'Choose at least one survey method (Form 1)' }, { reason: 'NO_SURVEY_METHOD', field: 'methods' });
  if (input.methods.length > Object.values(SurveyMethod).length) {
    throw badInput({ zh: `测评方法至多 ${Object.values(SurveyMethod).length} 项（附件1）`, en: `At most ${Object.values(SurveyMethod).length} survey methods (Form 1)` }, { reason: 'OUT_OF_RANGE', field: 'methods' });
  }
  if (input.survey.length < MIN_SURVEYED) {
    throw badInput(
      { zh: `测评企业不少于 ${MIN_SURVEYED} 家（附件1），现为 ${input.survey.length} 家`, en: `At least ${MIN_SURVEYED} enterprises must be surveyed (Form 1); got ${input.survey.length}` },
      { reason: 'SURVEY_TOO_SMALL', field: 'survey', minimum: MIN_SURVEYED, actual: input.survey.length },
    );
  }
  if (input.survey.length > 500) throw badInput({ zh: '测评企业过多（≤ 500）', en: 'Too many surveyed enterprises (≤ 500)' }, { reason: 'OUT_OF_RANGE', field: 'survey' });
  const survey = input.survey.map((e, i) => {
    const phone = text(`survey[${i}].phone`, e.phone, 30);
    if (!/^\+?[0-9][0-9 -]{3,28}[0-9]$/.test(phone)) throw badInput({ zh: `survey[${i}].phone 不是有效的电话号码`, en: `survey[${i}].phone is not a phone number` }, { reason: 'INVALID_PHONE', field: `survey[${i}].phone` });
    return {
      enterprise: text(`survey[${i}].enterprise`, e.enterprise, 200), interviewee: text(`survey[${i}].interviewee`, e.interviewee, 50),
      title: text(`survey[${i}].title`, e.title, 50), phone, serviceReceived: text(`survey[${i}].serviceReceived`, e.serviceReceived, 500), rating: e.rating,
    };
  });
  const names = new Set(survey.map((e) => e.enterprise));
  if (names.size !== survey.length) throw badInput({ zh: '同一企业不能重复测评', en: 'An enterprise is surveyed once' }, { reason: 'DUPLICATE_ENTERPRISE', field: 'survey' });
  return { methods: [...new Set(input.methods)], survey };
}

/**
 * 一.4 对其服务进行测评…在推荐表中提出明确推荐意见: the county or zone surveys at least 10 served enterprises at
 * random, states the platform's impact and recommends, before the deadline (一.5).
 */
export async function recommendApplication(em: EntityManager, user: AuthUser | null, input: RecommendInput, today: string): Promise<TaiyuanApplication> {
  const { methods, survey } = checkSurvey(input);
  const impactStatement = paragraphs('impactStatement', input.impactStatement, 5000);
  const opinion = paragraphs('opinion', input.opinion, 2000);
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    const actor = mayActForCounty(user, application.regionCode);
    requireStatus(application, 'COUNTY_RECOMMEND', Status.SUBMITTED);
    expectVersion(application.version, input.expectedVersion);
    requireOpen(await findCampaign(tx, application.campaignYear), today);
    const before = applicationSnapshot(application);
    const existing = await tx.findOne(CountyRecommendation, { applicationId: application.id });
    if (existing) tx.remove(existing); // a returned and resubmitted application is surveyed again
    await tx.flush();
    tx.persist(tx.create(CountyRecommendation, { applicationId: application.id, methods, survey, impactStatement, opinion, recommendedOn: today, recommendedBy: actor.id }));
    application.status = Status.COUNTY_RECOMMENDED;
    await tx.flush();
    recordTransition(tx, actor, application, { from: Status.SUBMITTED, action: 'COUNTY_RECOMMEND', on: today, reason: opinion, before });
    return application;
  });
}

/** Reject (final, with a reason) or return for revision, at the step where the application waits (SPEC §2 Review actions). */
export async function declineApplication(em: EntityManager, user: AuthUser | null, input: DeclineInput, today: string): Promise<TaiyuanApplication> {
  const reason = text('reason', input.reason, 2000);
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    // the step asked for is checked before the state, so a caller who may not act there learns nothing of where the application waits
    const actor = input.step === TaiyuanStep.COUNTY ? mayActForCounty(user, application.regionCode) : mayActForCity(user);
    const waiting = application.status === Status.SUBMITTED ? TaiyuanStep.COUNTY : [Status.COUNTY_RECOMMENDED, Status.EXPERT_REVIEWED].includes(application.status) ? TaiyuanStep.CITY : null;
    if (waiting !== input.step) throw invalidTransition(application.status, `${input.step}_${input.action}`, allowedActions(application.status));
    expectVersion(application.version, input.expectedVersion);
    const before = applicationSnapshot(application);
    const from = application.status;
    if (input.action === DeclineAction.REJECT) {
      application.status = waiting === TaiyuanStep.COUNTY ? Status.COUNTY_REJECTED : Status.REJECTED;
      application.rejectionReason = reason;
      application.closedOn = today;
    } else {
      application.status = Status.RETURNED;
      application.returnedStep = waiting;
      application.returnReason = reason;
    }
    await tx.flush();
    recordTransition(tx, actor, application, { from, action: `${waiting}_${input.action}`, on: today, reason, before });
    return application;
  });
}

/** 一.4 市工信局组织专家进行评审: the panel's opinion, recorded by the panel or by the city. */
export async function recordExpertReview(em: EntityManager, user: AuthUser | null, input: ExpertReviewInput, today: string): Promise<ExpertReview> {
  if (input.panel.length === 0 || input.panel.length > 30) throw badInput({ zh: '专家组应有 1 到 30 名专家', en: 'A panel has 1 to 30 experts' }, { reason: 'OUT_OF_RANGE', field: 'panel' });
  const panel = input.panel.map((e, i) => ({ name: text(`panel[${i}].name`, e.name, 50), title: text(`panel[${i}].title`, e.title, 50), organisation: text(`panel[${i}].organisation`, e.organisation, 200) }));
  const opinion = paragraphs('opinion', input.opinion, 5000);
  const reviewedOn = input.reviewedOn ?? today;
  notInFuture('reviewedOn', reviewedOn, today);
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    const actor = mayRecordExpertReview(user, application.campaignYear);
    requireStatus(application, 'RECORD_EXPERT_REVIEW', Status.COUNTY_RECOMMENDED);
    // 一.4: the panel reviews what the county recommended, so not before the county's recommendation
    const county = await tx.findOneOrFail(CountyRecommendation, { applicationId: application.id });
    if (reviewedOn < county.recommendedOn) {
      throw badInput(
        { zh: `评审日期不能早于县级推荐日期（${county.recommendedOn}）：${reviewedOn}`, en: `reviewedOn cannot precede the county's recommendation (${county.recommendedOn}): ${reviewedOn}` },
        { reason: 'DATE_ORDER', field: 'reviewedOn', value: reviewedOn, recommendedOn: county.recommendedOn },
      );
    }
    const before = applicationSnapshot(application);
    const existing = await tx.findOne(ExpertReview, { applicationId: application.id });
    if (existing) tx.remove(existing); // returned by the city and resubmitted: reviewed again
    await tx.flush();
    const review = tx.create(ExpertReview, { applicationId: application.id, panel, opinion, recommendsDesignation: input.recommendsDesignation, reviewedOn, recordedBy: actor.id });
    tx.persist(review);
    application.status = Status.EXPERT_REVIEWED;
    await tx.flush();
    recordTransition(tx, actor, application, { from: Status.COUNTY_RECOMMENDED, action: 'RECORD_EXPERT_REVIEW', on: reviewedOn, reason: opinion, before });
    return review;
  });
}

/** 一.2 认定有效期为3年: valid from the day of designation through the day before its third anniversary. */
export const cityValidUntil = (designatedOn: string) => addDays(addYears(designatedOn, 3), -1);

/** 一.4 对符合条件的认定为"太原市市级中小企业公共服务示范平台": the city designates after a favourable panel. */
export async function designateApplication(em: EntityManager, user: AuthUser | null, input: { applicationId: string; expectedVersion?: number | null }, today: string): Promise<CityDesignation> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    const actor = mayActForCity(user);
    requireStatus(application, 'DESIGNATE', Status.EXPERT_REVIEWED);
    expectVersion(application.version, input.expectedVersion);
    const review = await tx.findOneOrFail(ExpertReview, { applicationId: application.id });
    if (!review.recommendsDesignation) {
      throw badInput({ zh: '专家组未建议认定，只能不予认定或退回', en: 'The panel did not recommend designation: reject or return instead' }, { reason: 'PANEL_DID_NOT_RECOMMEND' });
    }
    const report = await eligibilityOf(tx, application, await tx.findOne(CountyRecommendation, { applicationId: application.id }), today);
    if (report.outcome === EligibilityOutcome.FAIL) throw notEligible(report);
    // 一.2 once more on the day itself: a designation made since the submission (a late one of an earlier call) bars this one
    const held = await reapplicationCriterion(tx, await findCampaign(tx, application.campaignYear), application.institutionId, today, application.id);
    if (held.outcome === EligibilityOutcome.FAIL) throw notEligible(eligibilityReport(NOTICE, today, [held]));
    const before = applicationSnapshot(application);
    const designation = tx.create(CityDesignation, {
      institutionId: application.institutionId, applicationId: application.id, campaignYear: application.campaignYear, designatedOn: today, validUntil: cityValidUntil(today),
    });
    tx.persist(designation);
    application.status = Status.DESIGNATED;
    application.closedOn = today;
    await tx.flush();
    recordTransition(tx, actor, application, { from: Status.EXPERT_REVIEWED, action: 'DESIGNATE', on: today, before, reason: `认定为太原市市级中小企业公共服务示范平台，有效期至 ${designation.validUntil}` });
    const payload: CityDesignationPayload = {
      id: designation.id, institutionId: designation.institutionId, applicationId: application.id, campaignYear: application.campaignYear,
      designatedOn: designation.designatedOn, validUntil: designation.validUntil,
    };
    publishEvent(tx, { type: TaiyuanEvent.CityPlatformDesignated, aggregateType: 'Institution', aggregateId: designation.institutionId, payload: { ...payload } });
    return designation;
  });
}

export { APPLICATION };
