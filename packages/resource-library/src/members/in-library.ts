import { invalidTransition } from '@sme/kernel';
import type { Member } from './member.entity';
import { MemberStatus } from './member-status';

/** The duties of 第十条–第十三条 are those of 入库机构: a removed member has left, and nothing more is recorded for it. */
export function requireInLibrary(member: Member, action: string): void {
  if (member.status === MemberStatus.REMOVED) throw invalidTransition(member.status, action, []);
}
