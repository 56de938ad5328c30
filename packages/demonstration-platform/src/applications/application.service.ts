import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError, ErrorCode, EligibilityOutcome, ReviewAction, addWorkingDays, badInput, cityOf, eligibilityReport, expectVersion, findKnownInstitution,
  invalidTransition, isUuid, isWithin, mayActForInstitution, notEligible, notFound, optionalText, recordAudit, text, writeTransaction, FactSource, type AuthUser, type KnownInstitution,
} from '@sme/kernel';
import { validateEligibilityInput } from '../eligibility-input';
import { ruleSetInForce } from '../rule-set-in-force';
import { ruleSetLabel, type RuleSet } from '../rule-set';
import { article, type PlatformProgrammeConfig } from '../programme-config';
import { mayActForCity, mayDecideForProvince } from '../permissions';
import { assertMayApply } from '../designations/may-apply';
import { PlatformApplication } from './application.entity';
import { PlatformApplicationAction as Action, PlatformApplicationStatus as Status, PlatformReviewStep, REVIEW_STEPS, allowedActions, stepWaitingIn } from './application-status';
import { DeclaredFigures } from './declaration';
import { contactPhone, functionRecords, mergeDeclared, recognitionRecords, requireCompleteDeclaration } from './declaration-input';
import { eligibilityInput, eligibilityOf, ruleSetOf } from './application-eligibility';
import { APPLICATION, applicationSnapshot, recordTransition } from './application-history';
import { checkAssessment, checksMissing } from './review-checks';
import type { CreateApplicationInput, ReviewInput, UpdateApplicationInput } from './application.inputs';

const APPLICATION_TEXT = { zh: '示范平台申报', en: 'Platform application' };

export async function findApplication(em: EntityManager, id: string): Promise<PlatformApplication> {
  const application = isUuid(id) ? await em.findOne(PlatformApplication, { id }) : null;
  if (!application) throw notFound(APPLICATION_TEXT, id);
  return application;
}

export function requireStatus(application: PlatformApplication, action: string, ...statuses: Status[]): void {
  if (!statuses.includes(application.status)) throw invalidTransition(application.status, action, allowedActions(application.status));
}

/** The city that recommends a platform in `regionCode` (鲁 第十七条, 宁 第九条: 市级主管部门负责本地区的推荐). */
const cityCodeOf = (regionCode: string): string => cityOf(regionCode)?.code ?? regionCode;

/**
 * Only the province's platforms can be recommended by its cities (鲁 第十七条, 宁 第九条): refused at once with
 * NOT_ELIGIBLE, naming the rule.
 */
function requireInProvince(config: PlatformProgrammeConfig, ruleSet: RuleSet, regionCode: string, on: string): void {
  if (isWithin(regionCode, config.provinceCode)) return;
  throw notEligible(eligibilityReport(ruleSetLabel(ruleSet), on, [{
    code: 'REGISTERED_IN_PROVINCE', article: article(config, config.workflow.localRecommendationArticle), description: '由本省（区）市级主管部门推荐的本地区平台',
    required: config.provinceCode, actual: regionCode, source: FactSource.REGISTRY, registryValue: null, outcome: EligibilityOutcome.FAIL, note: null,
  }]));
}

/** Checks the declaration against the rule set before anything is written (ranges, functions offered, duplicates). */
function validateDeclaration(ruleSet: RuleSet, institution: KnownInstitution, application: Pick<PlatformApplication, 'declared' | 'functions' | 'priorRecognitions'>, on: string): void {
  validateEligibilityInput(ruleSet, eligibilityInput(institution, application, null), on);
}

/** 平台申报: a draft, judged by the rule set in force today (none in force: NO_RULE_SET_IN_FORCE, nothing is written). */
export async function createApplication(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, input: CreateApplicationInput, today: string): Promise<PlatformApplication> {
  const actor = mayActForInstitution(user, input.institutionId);
  const ruleSet = ruleSetInForce(config.ruleSets, config.provinceCode, today);
  const values = {
    declared: mergeDeclared(new DeclaredFigures(), input.declared),
    functions: functionRecords(input.functions),
    priorRecognitions: recognitionRecords(input.priorRecognitions ?? []),
    contactPerson: text('contactPerson', input.contactPerson, 50),
    contactPhone: contactPhone(input.contactPhone),
  };
  return writeTransaction(em, async (tx) => {
    const institution = await findKnownInstitution(tx, input.institutionId);
    requireInProvince(config, ruleSet, institution.regionCode, today);
    validateDeclaration(ruleSet, institution, values, today);
    await assertMayApply(tx, config, ruleSet, input.institutionId, today);
    const application = tx.create(PlatformApplication, {
      institutionId: input.institutionId, regionCode: institution.regionCode, cityCode: cityCodeOf(institution.regionCode),
      campaignYear: Number(today.slice(0, 4)), ...values,
    });
    tx.persist(application);
    await tx.flush(); // the one-open-application index refuses a second open application here (CONFLICT)
    recordTransition(tx, actor, application, { from: null, action: Action.CREATE, on: today, before: null });
    return application;
  });
}

export async function updateApplication(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, id: string, input: UpdateApplicationInput, today: string): Promise<PlatformApplication> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, id);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, Action.UPDATE, Status.DRAFT, Status.RETURNED);
    expectVersion(application.version, input.expectedVersion);
    const ruleSet = ruleSetOf(config, application, today);
    const before = applicationSnapshot(application);
    const next = {
      declared: mergeDeclared(application.declared, input.declared),
      functions: input.functions ? functionRecords(input.functions) : application.functions,
      priorRecognitions: input.priorRecognitions ? recognitionRecords(input.priorRecognitions) : application.priorRecognitions,
    };
    validateDeclaration(ruleSet, await findKnownInstitution(tx, application.institutionId), next, application.submittedOn ?? today);
    Object.assign(application, next);
    if (input.contactPerson != null) application.contactPerson = text('contactPerson', input.contactPerson, 50);
    if (input.contactPhone != null) application.contactPhone = contactPhone(input.contactPhone);
    await tx.flush();
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: Action.UPDATE, before, after: applicationSnapshot(application) });
    return application;
  });
}

/**
 * 申报 to the city (鲁 第十七条, 宁 第九条). The first submission fixes the campaign year and the rule set: the one in
 * force on the submission date (SPEC §1), or NO_RULE_SET_IN_FORCE. A returned application goes back to the step
 * that returned it and keeps its submission date and rule set.
 */
export async function submitApplication(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, id: string, today: string): Promise<PlatformApplication> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, id);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, Action.SUBMIT, Status.DRAFT, Status.RETURNED);
    const resubmission = application.status === Status.RETURNED;
    const ruleSet = resubmission ? ruleSetOf(config, application, today) : ruleSetInForce(config.ruleSets, config.provinceCode, today);
    requireCompleteDeclaration(application.declared, application.functions);
    const institution = await findKnownInstitution(tx, application.institutionId);
    validateDeclaration(ruleSet, institution, application, application.submittedOn ?? today);
    await assertMayApply(tx, config, ruleSet, application.institutionId, application.submittedOn ?? today);
    const before = applicationSnapshot(application);
    const from = application.status;
    if (resubmission) {
      application.status = REVIEW_STEPS[application.returnedStep!].waiting;
      application.returnedStep = null;
      application.returnReason = null;
    } else {
      requireInProvince(config, ruleSet, institution.regionCode, today);
      application.regionCode = institution.regionCode;
      application.cityCode = cityCodeOf(institution.regionCode);
      application.status = Status.SUBMITTED;
      application.submittedOn = today;
      application.campaignYear = Number(today.slice(0, 4));
      application.ruleSetId = ruleSet.id;
    }
    await tx.flush();
    recordTransition(tx, actor, application, { from, action: resubmission ? Action.RESUBMIT : Action.SUBMIT, on: today, before });
    return application;
  });
}

export function requiredReason(action: string, reason: string | null | undefined): string {
  if (reason == null || reason.trim() === '') {
    const reject = action !== ReviewAction.RETURN;
    throw badInput(
      { zh: reject ? '驳回或不予认定须写明理由' : '退回须写明需修改之处', en: reject ? 'A rejection needs a reason' : 'A return needs what to fix' },
      { reason: 'REASON_REQUIRED', field: 'reason' },
    );
  }
  return text('reason', reason, 2000);
}

function whoReviews(user: AuthUser | null, config: PlatformProgrammeConfig, step: PlatformReviewStep, application: PlatformApplication): AuthUser {
  return step === PlatformReviewStep.CITY ? mayActForCity(user, application.cityCode) : mayDecideForProvince(user, config);
}

/**
 * One review action at the step the application waits for. The city recommends with its assessment (测评, 鲁 第十八条,
 * 宁 第十条); the province approves after its review (宁 第十二条: expert review and on-site visit first), which
 * publishes the notice of 5 working days (鲁 第二十条, 宁 第十二条). Approving is refused while the eligibility
 * report has a FAIL (SPEC §2). Reject is final; return sends it back to the applicant for this step.
 */
export async function reviewApplication(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, input: ReviewInput, today: string): Promise<PlatformApplication> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    // Who may act at the step asked for is settled before the record's state is told (SPEC §2): a caller who may
    // not review it learns nothing about where the application stands.
    const actor = whoReviews(user, config, input.step, application);
    const step = stepWaitingIn(application.status);
    // The step is part of the request: an admin who clicks twice must not approve the next step by accident.
    // A caller who names the version it saw and lost a race learns that its view is stale (CONFLICT, with the
    // current version), whichever state the winner left: the answer must not depend on who committed first.
    expectVersion(application.version, input.expectedVersion);
    if (!step || step !== input.step) throw invalidTransition(application.status, `${input.step}_${input.action}`, allowedActions(application.status));
    const before = applicationSnapshot(application);
    const from = application.status;
    const rule = REVIEW_STEPS[step];
    let reason: string | null;
    if (input.action === ReviewAction.APPROVE) {
      reason = optionalText('reason', input.reason, 2000);
      const assessment = step === PlatformReviewStep.CITY ? checkAssessment(config, input.assessment, today) : null;
      if (step === PlatformReviewStep.PROVINCE) {
        const missing = checksMissing(config, application);
        if (missing) throw missing;
      }
      const report = await eligibilityOf(tx, config, application, today);
      if (report.outcome === EligibilityOutcome.FAIL) throw notEligible(report);
      application.status = rule.approved;
      if (assessment) application.cityAssessment = assessment;
      if (step === PlatformReviewStep.PROVINCE) {
        application.noticeStartsOn = today;
        application.noticeEndsOn = addWorkingDays(today, config.workflow.noticeWorkingDays);
        reason = reason ?? `公示至 ${application.noticeEndsOn}（${article(config, config.workflow.noticeArticle)}）`;
      }
    } else if (input.action === ReviewAction.REJECT) {
      reason = requiredReason(input.action, input.reason);
      application.status = rule.rejected;
      application.rejectionReason = reason;
      application.closedOn = today;
    } else {
      reason = requiredReason(input.action, input.reason);
      application.status = Status.RETURNED;
      application.returnedStep = step;
      application.returnReason = reason;
    }
    await tx.flush(); // version check: of two reviewers acting at once, the second gets CONFLICT
    recordTransition(tx, actor, application, { from, action: `${step}_${input.action}`, on: today, reason, before });
    return application;
  });
}

/** DESIGNATE while the notice runs: possible only from the day after its last day. */
export function noticeNotEnded(application: PlatformApplication): DomainError {
  return new DomainError(
    ErrorCode.INVALID_TRANSITION,
    {
      zh: `公示期至 ${application.noticeEndsOn}，期满后方可授予称号`,
      en: `The notice runs through ${application.noticeEndsOn}; designation is possible after it ends`,
    },
    { currentState: application.status, action: Action.DESIGNATE, allowedActions: [Action.REJECT_AFTER_NOTICE], reason: 'NOTICE_NOT_ENDED', noticeEndsOn: application.noticeEndsOn },
  );
}

export { APPLICATION };
