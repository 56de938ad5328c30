import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CREDIT_RECORD_KIND_NAMES_ZH, PlatformDesignationStatus, addYears, badInput, chinaToday, designationStatus, expectVersion, invalidTransition,
  isUuid, notFound, systemActor, writeTransaction, type AuthUser, type CreditRecordPayload,
} from '@sme/kernel';
import { article, type PlatformProgrammeConfig } from '../programme-config';
import { mayDecideForProvince } from '../permissions';
import { Designation } from './designation.entity';
import { BANNING_GROUNDS, RevocationGround } from './revocation-ground';
import { designationSnapshot, recordDesignationChange } from './designation-history';
import { requiredReason } from '../applications/application.service';

const DESIGNATION_TEXT = { zh: '示范平台认定', en: 'Platform designation' };
export const REVOKE = 'REVOKE';

export async function findDesignation(em: EntityManager, id: string): Promise<Designation> {
  const designation = isUuid(id) ? await em.findOne(Designation, { id }) : null;
  if (!designation) throw notFound(DESIGNATION_TEXT, id);
  return designation;
}

/**
 * Revokes a designation on `on` inside the caller's transaction (鲁 第二十四条, 宁 第十七条). Only a designation in
 * force that day can be revoked: an expired or already revoked one is INVALID_TRANSITION. A violation brings the
 * ban of the rule set it was designated under (鲁 第二十四条: 3 年内不得申报), through the anniversary of the
 * revocation (民法典 第二百零一条、第二百零二条: the period starts the next day and ends on the corresponding day).
 */
export function revoke(em: EntityManager, config: PlatformProgrammeConfig, actor: AuthUser, designation: Designation, revocation: { ground: RevocationGround; reason: string; on: string }): void {
  const status = designationStatus(designation, revocation.on);
  if (status !== PlatformDesignationStatus.DESIGNATED || revocation.on < designation.designatedOn) throw invalidTransition(status, REVOKE, []);
  const before = designationSnapshot(designation);
  const ban = config.ruleSets.find((r) => r.id === designation.ruleSetId)?.designation.revocationBan ?? null;
  designation.revokedOn = revocation.on;
  designation.revocationGround = revocation.ground;
  designation.revocationReason = revocation.reason;
  designation.applicationBannedUntil = ban && BANNING_GROUNDS.has(revocation.ground) ? addYears(revocation.on, ban.years) : null;
  recordDesignationChange(em, actor, designation, { from: status, to: PlatformDesignationStatus.REVOKED, action: `${REVOKE}_${revocation.ground}`, on: revocation.on, reason: revocation.reason, before });
}

/** The grounds the province may name by hand; an assessment and a credit record revoke through their own paths. */
const MANUAL_GROUNDS: readonly RevocationGround[] = [RevocationGround.VIOLATION];

/** 违法违规等行为，一经查实，予以撤销 (鲁 第二十四条, 宁 第十七条): the province revokes with a reason. */
export async function revokeDesignation(
  em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null,
  input: { designationId: string; ground: RevocationGround; reason: string; expectedVersion?: number | null }, today: string,
): Promise<Designation> {
  const actor = mayDecideForProvince(user, config);
  if (!MANUAL_GROUNDS.includes(input.ground)) {
    throw badInput(
      { zh: `撤销依据 ${input.ground} 由其对应程序处理（市级检查撤销申请、绩效考核、信用记录）`, en: `Ground ${input.ground} is handled by its own procedure (inspection request, assessment, credit record)` },
      { reason: 'GROUND_NOT_MANUAL', field: 'ground', allowed: MANUAL_GROUNDS },
    );
  }
  const reason = `${requiredReason('REJECT', input.reason)}（${article(config, config.management.revocationArticle)}）`;
  return writeTransaction(em, async (tx) => {
    const designation = await findDesignation(tx, input.designationId);
    expectVersion(designation.version, input.expectedVersion);
    revoke(tx, config, actor, designation, { ground: input.ground, reason, on: today });
    await tx.flush(); // version check: two revocations at once, the second gets CONFLICT
    return designation;
  });
}

/**
 * A credit record the registry publishes (失信被执行人, 严重失信, 经营异常, 税收违法 …) revokes the platform's
 * designation in force on the day the event arrives: a listed institution has broken the law (鲁 第二十四条,
 * 宁 第十七条). A record already lifted when recorded changes nothing.
 */
export async function revokeForCreditRecord(em: EntityManager, config: PlatformProgrammeConfig, record: CreditRecordPayload, today = chinaToday()): Promise<Designation[]> {
  if (record.removedOn !== null) return [];
  const designations = await em.find(Designation, { institutionId: record.institutionId, revokedOn: null, validUntil: { $gte: today }, designatedOn: { $lte: today } });
  const kind = CREDIT_RECORD_KIND_NAMES_ZH[record.kind] ?? record.kind;
  for (const designation of designations) {
    revoke(em, config, systemActor(`${config.name}-credit-watch`), designation, {
      ground: RevocationGround.CREDIT_RECORD,
      reason: `${kind}（${record.source}，${record.listedOn} 列入），依${article(config, config.management.revocationArticle)}撤销`,
      on: today,
    });
  }
  return designations;
}
