import type { EntityManager } from '@mikro-orm/postgresql';
import {
  PlatformDesignationStatus, badInput, designationStatus, expectVersion, invalidTransition, isUuid, notFound, notInFuture, recordAudit, text,
  writeTransaction, type AuthUser,
} from '@sme/kernel';
import { article, type PlatformProgrammeConfig } from '../programme-config';
import { mayActForCity, mayDecideForProvince } from '../permissions';
import { findDesignation, revoke } from '../designations/revocation';
import { RevocationGround } from '../designations/revocation-ground';
import { Inspection, RevocationRequestStatus } from './inspection.entity';
import { RevocationRequestDecision, type DecideRevocationRequestInput, type InspectionInput } from './inspection.inputs';

export const INSPECTION = 'PlatformInspection';

/**
 * 市级检查 (鲁 第二十五条, 宁 第十八条): the platform's city inspects a designation in force on the day. A failed
 * inspection may ask the province to revoke where the document provides for it (鲁 第二十五条 提出撤销申请).
 */
export async function recordInspection(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, input: InspectionInput, today: string): Promise<Inspection> {
  const inspectedOn = input.inspectedOn ?? today;
  notInFuture('inspectedOn', inspectedOn, today);
  const findings = text('findings', input.findings, 4000);
  const cite = article(config, config.management.inspection.article);
  if (input.requestRevocation && input.passed) {
    throw badInput({ zh: '检查合格不能提出撤销申请', en: 'A passed inspection cannot ask for revocation' }, { reason: 'REQUEST_NEEDS_FAILED_INSPECTION', field: 'requestRevocation' });
  }
  if (input.requestRevocation && !config.management.inspection.mayRequestRevocation) {
    throw badInput({ zh: `${cite}未规定由市级提出撤销申请`, en: `${cite} does not provide for a city's revocation request` }, { reason: 'REQUEST_NOT_PROVIDED', field: 'requestRevocation' });
  }
  return writeTransaction(em, async (tx) => {
    const designation = await findDesignation(tx, input.designationId);
    const actor = mayActForCity(user, designation.cityCode);
    const status = designationStatus(designation, inspectedOn);
    if (status !== PlatformDesignationStatus.DESIGNATED || inspectedOn < designation.designatedOn) throw invalidTransition(status, 'INSPECT', []);
    const inspection = tx.create(Inspection, {
      designationId: designation.id, cityCode: designation.cityCode, inspectedOn, findings, passed: input.passed,
      requestStatus: input.requestRevocation ? RevocationRequestStatus.PENDING : null, recordedBy: actor.id,
    });
    tx.persist(inspection);
    recordAudit(tx, actor, { recordType: INSPECTION, recordId: inspection.id, action: 'INSPECT', after: { designationId: designation.id, inspectedOn, passed: input.passed, requestRevocation: input.requestRevocation } });
    return inspection;
  });
}

/** 经查实后撤销 (鲁 第二十五条): the province upholds a pending request (revoking on the day) or dismisses it, with a reason. */
export async function decideRevocationRequest(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, input: DecideRevocationRequestInput, today: string): Promise<Inspection> {
  const actor = mayDecideForProvince(user, config);
  const reason = text('reason', input.reason, 2000);
  return writeTransaction(em, async (tx) => {
    const inspection = isUuid(input.inspectionId) ? await tx.findOne(Inspection, { id: input.inspectionId }) : null;
    if (!inspection) throw notFound({ zh: '市级检查', en: 'Inspection' }, input.inspectionId);
    if (inspection.requestStatus !== RevocationRequestStatus.PENDING) {
      throw invalidTransition(inspection.requestStatus ?? 'NO_REQUEST', `REQUEST_${input.decision}`, []);
    }
    expectVersion(inspection.version, input.expectedVersion);
    if (input.decision === RevocationRequestDecision.UPHOLD) {
      const designation = await findDesignation(tx, inspection.designationId);
      revoke(tx, config, actor, designation, {
        ground: RevocationGround.INSPECTION_FAILED,
        reason: `${reason}（${inspection.inspectedOn} 市级检查不合格，${article(config, config.management.inspection.article)}）`,
        on: today,
      });
    }
    inspection.requestStatus = input.decision === RevocationRequestDecision.UPHOLD ? RevocationRequestStatus.UPHELD : RevocationRequestStatus.DISMISSED;
    inspection.requestDecidedOn = today;
    inspection.requestDecisionReason = reason;
    await tx.flush(); // version check: of two deciders at once, the second gets CONFLICT
    recordAudit(tx, actor, { recordType: INSPECTION, recordId: inspection.id, action: `REQUEST_${input.decision}`, after: { requestStatus: inspection.requestStatus }, reason });
    return inspection;
  });
}
