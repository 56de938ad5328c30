import type { EntityManager } from '@mikro-orm/postgresql';
import { CREDIT_RECORD_KIND_NAMES_ZH, chinaToday, systemActor, type CreditRecordPayload } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { Member } from './member.entity';
import { GROUND_OF_CREDIT_KIND, MemberStatus, RemovalGround } from './member-status';
import { removeMember } from './removal';

/**
 * 第十二条 第二款: a member listed by the credit authorities (or found evading tax, its legal representative
 * listed, its data falsified) is removed directly, with the two-year ban. The registry's
 * `CreditRecordAdded.v1` event brings the record; the removal is dated the day it arrives.
 */
export async function removeForCreditRecord(em: EntityManager, config: LibraryConfig, record: CreditRecordPayload, today = chinaToday()): Promise<Member | null> {
  if (record.removedOn !== null) return null; // already lifted when it was recorded: nothing to act on
  const member = await em.findOne(Member, { institutionId: record.institutionId, status: { $ne: MemberStatus.REMOVED } });
  if (!member) return null;
  const ground = GROUND_OF_CREDIT_KIND[record.kind] ?? RemovalGround.CREDIT_RECORD;
  const kind = CREDIT_RECORD_KIND_NAMES_ZH[record.kind] ?? record.kind;
  removeMember(em, config, systemActor(`${config.name}-credit-watch`), member, {
    ground,
    reason: `${kind}（${record.source}，${record.listedOn} 列入），依${config.abbreviation} 第十二条直接移出`,
    on: today,
  });
  return member;
}
