import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, addYears, badInput, expectVersion, isUuid, notFound, notInFuture, text, writeTransaction, type AuthUser } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { mayDecideForProvince } from '../permissions';
import { AnnualEvaluation, EvaluationRating } from '../evaluations/annual-evaluation.entity';
import { MajorChange, MajorChangeVerification } from '../major-changes/major-change.entity';
import { Member } from './member.entity';
import { BANNING_GROUNDS, MemberStatus, RemovalGround } from './member-status';
import { memberSnapshot, recordMemberChange } from './member-history';
import { requireInLibrary } from './in-library';

export async function findMember(em: EntityManager, id: string): Promise<Member> {
  const member = isUuid(id) ? await em.findOne(Member, { id }) : null;
  if (!member) throw notFound({ zh: '入库机构', en: 'Member' }, id);
  return member;
}

/**
 * Takes a member out of the library on `on`. The grounds of 第十二条 第二款 ban re-entry for at least two
 * years: the ban's last day is the second anniversary of the removal.
 */
export function removeMember(
  em: EntityManager,
  config: LibraryConfig,
  actor: AuthUser,
  member: Member,
  removal: { ground: RemovalGround; reason: string; on: string },
): void {
  requireInLibrary(member, 'REMOVE');
  const before = memberSnapshot(member);
  const from = member.status;
  member.status = MemberStatus.REMOVED;
  member.removedOn = removal.on;
  member.removalGround = removal.ground;
  member.removalReason = removal.reason;
  // 民法典 第二百零一条、第二百零二条: a period in years starts the day after the removal and ends on the
  // corresponding day (the month's last day when there is none), which is still inside the ban.
  member.reentryBannedUntil = BANNING_GROUNDS.has(removal.ground) ? addYears(removal.on, config.rules.reentryBanYears) : null;
  recordMemberChange(em, config, actor, member, { from, action: `REMOVE_${removal.ground}`, on: removal.on, reason: removal.reason, before, event: 'MemberRemoved' });
}

@InputType('RemoveLibraryMemberInput', { description: '移出入库机构（第十一条、第十二条）/ Remove a member (Art. 11, 12)' })
export class RemoveMemberInput {
  @Field(() => ID) memberId: string;
  @Field(() => RemovalGround) ground: RemovalGround;
  @Field({ description: '移出理由（会议研究结论等）/ Reason (e.g. the meeting’s decision)' }) reason: string;
  @Field(() => DateScalar, { nullable: true, description: '决定日期（默认今天）/ Date of the decision (default today)' }) decidedOn?: string | null;
  @Field({ nullable: true }) expectedVersion?: number;
}

/**
 * The province's removal decision (第十一条 after the city's verification, 第十二条 after an evaluation or on
 * finding falsified data). Missed reports remove by the schedule only (第十条), credit records by the
 * registry's event.
 */
export async function removeMemberByDecision(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: RemoveMemberInput, today: string): Promise<Member> {
  const actor = mayDecideForProvince(user, config);
  const reason = text('reason', input.reason, 2000);
  const on = input.decidedOn ?? today;
  notInFuture('decidedOn', on, today);
  if (input.ground === RemovalGround.MISSED_REPORTS) {
    throw badInput({ zh: '连续 3 个周期未报送的移出由每日核查自动执行（第十条）', en: 'Removal for missed reports is made by the daily schedule (Art. 10)' }, { reason: 'GROUND_BY_SCHEDULE_ONLY', field: 'ground' });
  }
  return writeTransaction(em, async (tx) => {
    const member = await findMember(tx, input.memberId);
    expectVersion(member.version, input.expectedVersion);
    if (on < member.admittedOn) {
      throw badInput({ zh: `决定日期不能早于入库日期 ${member.admittedOn}`, en: `decidedOn cannot precede admission on ${member.admittedOn}` }, { reason: 'DATE_ORDER', field: 'decidedOn' });
    }
    // a decision rests on a finding made by its date: a failing evaluation (第十二条) or the city's verification (第十一条)
    if (input.ground === RemovalGround.EVALUATION_FAILED) {
      const failed = await tx.findOne(AnnualEvaluation, { memberId: member.id, rating: EvaluationRating.FAIL, evaluatedOn: { $lte: on } });
      if (!failed) {
        throw badInput({ zh: `截至 ${on} 该机构没有不合格的年度评价（第十二条）`, en: `The member has no failing annual evaluation by ${on} (Art. 12)` }, { reason: 'NO_FAILED_EVALUATION', field: 'ground' });
      }
    }
    if (input.ground === RemovalGround.NO_LONGER_QUALIFIES) {
      const verified = await tx.findOne(MajorChange, { memberId: member.id, verification: MajorChangeVerification.NO_LONGER_QUALIFIES, verifiedOn: { $lte: on } });
      if (!verified) {
        throw badInput(
          { zh: `截至 ${on} 该机构没有经市级核实不再符合入库条件的重大变化（第十一条）`, en: `No major change of the member was verified by the city as no longer qualifying by ${on} (Art. 11)` },
          { reason: 'NO_VERIFIED_CHANGE', field: 'ground' },
        );
      }
    }
    removeMember(tx, config, actor, member, { ground: input.ground, reason, on });
    await tx.flush();
    return member;
  });
}
