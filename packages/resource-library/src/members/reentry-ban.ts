import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, conflict } from '@sme/kernel';
import { Member } from './member.entity';
import { MemberStatus } from './member-status';
import type { LibraryConfig } from '../library-config';

/**
 * 第十二条: removed directly, an institution may not enter again for at least two years. `reentryBannedUntil`
 * is the ban's last day: an application on that day is refused, the next day it is accepted.
 */
export async function assertMayApply(em: EntityManager, config: LibraryConfig, institutionId: string, today: string): Promise<void> {
  const members = await em.find(Member, { institutionId }, { orderBy: { admittedOn: 'desc' } });
  if (members.some((m) => m.status !== MemberStatus.REMOVED)) {
    throw conflict({ zh: '该机构已在库，无需再次申请', en: 'The institution is already a member' }, { reason: 'ALREADY_MEMBER' });
  }
  const ban = members.map((m) => m.reentryBannedUntil).filter((d): d is string => d !== null && d >= today).sort().at(-1);
  if (ban) {
    throw new DomainError(
      ErrorCode.REENTRY_BANNED,
      {
        zh: `该机构被直接移出${config.libraryName}，${ban}（含）前不得再次入库（${config.abbreviation} 第十二条）`,
        en: `The institution was removed under Art. 12 and may not apply again until after ${ban}`,
      },
      { bannedUntil: ban, article: `${config.abbreviation} 第十二条` },
    );
  }
}
