import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EligibilityOutcome, ReviewAction, badInput, cityOf, expectVersion, invalidTransition, isUuid, notEligible, notFound,
  notInFuture, optionalText, recordAudit, text, writeTransaction, type AuthUser, type EligibilityReport,
} from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { MATERIALS } from '../materials';
import { Application } from './application.entity';
import { ApplicationMaterial } from './application-material.entity';
import { SpotCheck } from './spot-check.entity';
import { ApplicationAction, LibraryApplicationStatus as Status, REVIEW_STEPS, ReviewStep, allowedActions, stepWaitingIn } from './application-status';
import { Attestations, DeclaredFigures } from './declared-figures';
import { checkCategories, mergeAttestations, mergeDeclared, requireCompleteDeclaration } from './application-validation';
import type {
  AttachMaterialInput, CreateApplicationInput, ReviewInput, SpotCheckInput, UpdateApplicationInput,
} from './application.inputs';
import { APPLICATION, applicationSnapshot, recordTransition } from './application-history';
import { judgeEligibility } from '../eligibility/library-eligibility';
import { registryFacts } from '../registry-facts/registry-facts';
import { assertMayApply } from '../members/reentry-ban';
import { mayActForInstitution, mayDecideForProvince, mayReview } from '../permissions';

const APPLICATION_TEXT = { zh: '入库申请', en: 'Application' };

export async function findApplication(em: EntityManager, id: string): Promise<Application> {
  const application = isUuid(id) ? await em.findOne(Application, { id }) : null;
  if (!application) throw notFound(APPLICATION_TEXT, id);
  return application;
}

export function requireStatus(application: Application, action: string, ...statuses: Status[]): void {
  if (!statuses.includes(application.status)) throw invalidTransition(application.status, action, allowedActions(application.status));
}

/** 第六条 judged on the submission date (today for a draft), from the declaration and the registry's facts. */
export async function eligibilityOf(em: EntityManager, config: LibraryConfig, application: Application, today: string): Promise<EligibilityReport> {
  const facts = await registryFacts(em, application.institutionId, application.declared.year);
  return judgeEligibility(config, application, facts, application.submittedOn ?? today);
}

/** The recommending unit of a region: its city, or the unit that acts as one (第八条（二）). */
function unitOf(regionCode: string): string {
  return cityOf(regionCode)?.code ?? regionCode;
}

export async function createApplication(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: CreateApplicationInput, today: string): Promise<Application> {
  const actor = mayActForInstitution(user, input.institutionId);
  const categories = checkCategories(config, input.categories);
  const declared = mergeDeclared(new DeclaredFigures(), input.declared, today);
  const attestations = mergeAttestations(new Attestations(), input.attestations);
  return writeTransaction(em, async (tx) => {
    const facts = await registryFacts(tx, input.institutionId, declared.year);
    // An institution registered elsewhere has nobody in this province to review it: refused at once (第六条).
    const report = judgeEligibility(config, { declared, attestations }, facts, today);
    const province = report.criteria.find((c) => c.code === 'REGISTERED_IN_PROVINCE')!;
    if (province.outcome === EligibilityOutcome.FAIL) throw notEligible({ ...report, criteria: [province] });
    await assertMayApply(tx, config, input.institutionId, today);
    const application = tx.create(Application, {
      institutionId: input.institutionId, regionCode: facts.institution.regionCode, unitCode: unitOf(facts.institution.regionCode),
      categories, nature: input.nature, declared, attestations,
    });
    tx.persist(application);
    await tx.flush(); // the one-open-application index refuses a second open application here (CONFLICT)
    recordTransition(tx, actor, application, { from: null, action: ApplicationAction.CREATE, on: today, before: null });
    return application;
  });
}

export async function updateApplication(em: EntityManager, config: LibraryConfig, user: AuthUser | null, id: string, input: UpdateApplicationInput, today: string): Promise<Application> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, id);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, ApplicationAction.UPDATE, Status.DRAFT, Status.RETURNED);
    expectVersion(application.version, input.expectedVersion);
    const before = applicationSnapshot(application);
    if (input.categories != null) application.categories = checkCategories(config, input.categories);
    if (input.nature != null) application.nature = input.nature;
    application.declared = mergeDeclared(application.declared, input.declared, today);
    application.attestations = mergeAttestations(application.attestations, input.attestations);
    await tx.flush();
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: ApplicationAction.UPDATE, before, after: applicationSnapshot(application) });
    return application;
  });
}

const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

export async function attachMaterial(em: EntityManager, user: AuthUser | null, input: AttachMaterialInput): Promise<ApplicationMaterial> {
  const fileName = text('fileName', input.fileName, 255);
  const mediaType = text('mediaType', input.mediaType, 100);
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(mediaType)) throw badInput({ zh: `文件类型无效：${mediaType}`, en: `Invalid media type: ${mediaType}` }, { reason: 'INVALID_MEDIA_TYPE', field: 'mediaType' });
  if (!Number.isInteger(input.sizeBytes) || input.sizeBytes < 1 || input.sizeBytes > MAX_ATTACHMENT_BYTES) {
    throw badInput({ zh: '文件大小应在 1 字节到 200 MB 之间', en: 'The size must be from 1 byte to 200 MB' }, { reason: 'OUT_OF_RANGE', field: 'sizeBytes' });
  }
  const sha256 = input.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw badInput({ zh: 'SHA-256 摘要应为 64 位十六进制', en: 'sha256 must be 64 hex digits' }, { reason: 'INVALID_DIGEST', field: 'sha256' });
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, ApplicationAction.ATTACH_MATERIAL, Status.DRAFT, Status.RETURNED);
    const material = tx.create(ApplicationMaterial, { applicationId: application.id, item: input.item, fileName, mediaType, sizeBytes: input.sizeBytes, sha256 });
    tx.persist(material);
    await tx.flush();
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: ApplicationAction.ATTACH_MATERIAL, after: { item: input.item, fileName, sizeBytes: input.sizeBytes, sha256 } });
    return material;
  });
}

export async function removeMaterial(em: EntityManager, user: AuthUser | null, materialId: string): Promise<Application> {
  return writeTransaction(em, async (tx) => {
    const material = isUuid(materialId) ? await tx.findOne(ApplicationMaterial, { id: materialId }) : null;
    if (!material) throw notFound({ zh: '申请材料', en: 'Material' }, materialId);
    const application = await findApplication(tx, material.applicationId);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, ApplicationAction.REMOVE_MATERIAL, Status.DRAFT, Status.RETURNED);
    tx.remove(material);
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: ApplicationAction.REMOVE_MATERIAL, before: { item: material.item, fileName: material.fileName, sha256: material.sha256 } });
    return application;
  });
}

/** 第七条: every required item has at least one attachment. */
async function requireMaterials(em: EntityManager, config: LibraryConfig, application: Application): Promise<void> {
  const attached = new Set((await em.find(ApplicationMaterial, { applicationId: application.id })).map((m) => m.item));
  const missing = MATERIALS.filter((m) => m.required && !attached.has(m.item));
  if (missing.length) {
    throw badInput(
      {
        zh: `申请材料不全（${config.abbreviation} 第七条），缺少：${missing.map((m) => `${m.article} ${m.title.replace('{form}', config.applicationForm)}`).join('；')}`,
        en: `Required materials missing (Art. 7): ${missing.map((m) => m.item).join(', ')}`,
      },
      { reason: 'MATERIALS_MISSING', missing: missing.map((m) => m.item) },
    );
  }
}

/**
 * 第八条（一）机构申请: a draft goes to the county; a returned application goes back to the step that returned
 * it. Declaration and materials must be complete; the region is re-read from the registry's latest facts.
 */
export async function submitApplication(em: EntityManager, config: LibraryConfig, user: AuthUser | null, id: string, today: string): Promise<Application> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, id);
    const actor = mayActForInstitution(user, application.institutionId);
    requireStatus(application, ApplicationAction.SUBMIT, Status.DRAFT, Status.RETURNED);
    requireCompleteDeclaration(application.declared);
    await requireMaterials(tx, config, application);
    await assertMayApply(tx, config, application.institutionId, today);
    const facts = await registryFacts(tx, application.institutionId, null);
    const before = applicationSnapshot(application);
    const from = application.status;
    const resubmission = from === Status.RETURNED;
    if (!resubmission) {
      application.regionCode = facts.institution.regionCode;
      application.unitCode = unitOf(facts.institution.regionCode);
    }
    application.status = resubmission ? REVIEW_STEPS[application.returnedStep!].waiting : Status.SUBMITTED;
    application.submittedOn = today;
    application.returnedStep = null;
    application.returnReason = null;
    await tx.flush();
    recordTransition(tx, actor, application, { from, action: resubmission ? ApplicationAction.RESUBMIT : ApplicationAction.SUBMIT, on: today, before });
    return application;
  });
}

/**
 * One review action at the step the application waits for (第八条（二）（三）). Approving is refused while the
 * 第六条 report has a FAIL (SPEC §2: a FAIL stops the application at its first review). The city and the
 * province check again: a return lets the applicant change its figures and resubmit past the county, and a
 * credit record the registry reports late can make the report fail after the county approved.
 */
export async function reviewApplication(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: ReviewInput, today: string): Promise<Application> {
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    // Permission for the step named comes first: a caller who may not act there learns nothing of the state
    // (SPEC §2 Errors), whichever step the application waits for.
    const actor = mayReview(user, input.step, application, config);
    const step = stepWaitingIn(application.status);
    // A reviewer over two steps (an admin, a city-acting unit, a city over an applicant registered at city level)
    // who clicks twice must not approve the next step by accident: the step acted at is part of the request.
    // A caller who names the version it saw and lost a race learns that its view is stale (CONFLICT, with the
    // current version), whichever state the winner left: the answer must not depend on who committed first.
    expectVersion(application.version, input.expectedVersion);
    if (!step || step !== input.step) throw invalidTransition(application.status, `${input.step}_${input.action}`, allowedActions(application.status));
    const rule = REVIEW_STEPS[step];
    const reason = input.action === ReviewAction.APPROVE ? optionalText('reason', input.reason, 2000) : requiredReason(input.action, input.reason);
    const opinion = optionalText('opinion', input.opinion, 2000);
    const before = applicationSnapshot(application);
    const from = application.status;
    if (input.action === ReviewAction.APPROVE) {
      const report = await eligibilityOf(tx, config, application, today);
      if (report.outcome === EligibilityOutcome.FAIL) throw notEligible(report);
      application.status = rule.approved;
    } else if (input.action === ReviewAction.REJECT) {
      application.status = rule.rejected;
      application.rejectionReason = reason;
      application.closedOn = today;
    } else {
      application.status = Status.RETURNED;
      application.returnedStep = step;
      application.returnReason = reason;
    }
    if (step === ReviewStep.COUNTY) application.countyReviewedOn = today;
    if (step === ReviewStep.CITY) {
      application.cityRecommendedOn = today;
      if (input.action === ReviewAction.APPROVE) application.cityOpinion = opinion;
    }
    if (step === ReviewStep.PROVINCE) application.provinceDecidedOn = today;
    await tx.flush(); // version check: of two reviewers acting at once, the second gets CONFLICT
    recordTransition(tx, actor, application, { from, action: `${step}_${input.action}`, on: today, reason: reason ?? opinion, before });
    return application;
  });
}

function requiredReason(action: ReviewAction, reason: string | null | undefined): string {
  if (reason == null || reason.trim() === '') {
    throw badInput(
      { zh: action === ReviewAction.REJECT ? '驳回须写明理由' : '退回须写明需修改之处', en: action === ReviewAction.REJECT ? 'A rejection needs a reason' : 'A return needs what to fix' },
      { reason: 'REASON_REQUIRED', field: 'reason' },
    );
  }
  return text('reason', reason, 2000);
}

/** 第八条（三）视情况实地抽查: recorded while the province reviews. */
export async function recordSpotCheck(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: SpotCheckInput, today: string): Promise<SpotCheck> {
  const actor = mayDecideForProvince(user, config);
  notInFuture('checkedOn', input.checkedOn, today);
  const values = { checkedOn: input.checkedOn, inspectors: text('inspectors', input.inspectors, 500), findings: text('findings', input.findings, 4000), passed: input.passed };
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    requireStatus(application, ApplicationAction.SPOT_CHECK, Status.CITY_RECOMMENDED);
    if (application.cityRecommendedOn && input.checkedOn < application.cityRecommendedOn) {
      throw badInput({ zh: `抽查日期不能早于市级推荐日期 ${application.cityRecommendedOn}`, en: `checkedOn cannot precede the city's recommendation on ${application.cityRecommendedOn}` }, { reason: 'DATE_ORDER', field: 'checkedOn' });
    }
    const check = tx.create(SpotCheck, { applicationId: application.id, ...values, recordedBy: actor.id });
    tx.persist(check);
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: ApplicationAction.SPOT_CHECK, after: values });
    return check;
  });
}
