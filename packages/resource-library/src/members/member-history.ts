import type { EntityManager } from '@mikro-orm/postgresql';
import { publishEvent, recordTransition, type AuthUser } from '@sme/kernel';
import type { Member } from './member.entity';
import type { LibraryConfig } from '../library-config';
import { libraryEvents } from '../library-events';

export const MEMBER = 'LibraryMembership';

export const memberSnapshot = (m: Member) => ({
  id: m.id,
  institutionId: m.institutionId,
  status: m.status,
  categories: m.categories,
  nature: m.nature,
  regionCode: m.regionCode,
  unitCode: m.unitCode,
  admittedOn: m.admittedOn,
  missedReportStreak: m.missedReportStreak,
  removedOn: m.removedOn,
  removalGround: m.removalGround,
  removalReason: m.removalReason,
  reentryBannedUntil: m.reentryBannedUntil,
});

/** A member's status change: status history, audit entry and the library's event, in one unit of work. */
export function recordMemberChange(
  em: EntityManager,
  config: LibraryConfig,
  actor: AuthUser,
  member: Member,
  change: { from: string | null; action: string; on: string; reason?: string | null; before: unknown; event?: keyof ReturnType<typeof libraryEvents> },
): void {
  const after = memberSnapshot(member);
  recordTransition(em, actor, { recordType: MEMBER, recordId: member.id, from: change.from, to: member.status, action: change.action, on: change.on, reason: change.reason, before: change.before, after });
  if (change.event) publishEvent(em, { type: libraryEvents(config)[change.event], aggregateType: 'Institution', aggregateId: member.institutionId, payload: after });
}
