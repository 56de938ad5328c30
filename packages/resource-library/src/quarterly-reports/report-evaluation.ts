import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, recordAudit, systemActor, type AuthUser } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { Member } from '../members/member.entity';
import { MemberStatus, RemovalGround } from '../members/member-status';
import { MEMBER, memberSnapshot, recordMemberChange } from '../members/member-history';
import { removeMember } from '../members/removal';
import { QuarterlyReport } from './quarterly-report.entity';
import { MemberNotice } from './member-notice.entity';
import { dueDatesThrough } from './due-dates';

export interface ReportEvaluation {
  noticed: Member[];
  removed: Member[];
}

/**
 * 第十条 judged as of a date: every due date before it (a due date is over at the end of its day) from the
 * member's first, in order. A period without an on-time report extends the streak of missed periods; the
 * 2nd in a row brings a notice (通报), the 3rd removal. An on-time report ends the streak. A late report is
 * recorded but cures nothing. Each member remembers the last due date judged, so replaying a day (or an
 * earlier one) changes nothing.
 */
export async function evaluateQuarterlyReports(em: EntityManager, config: LibraryConfig, asOf: string, actor: AuthUser = systemActor(`${config.name}-schedule`)): Promise<ReportEvaluation> {
  const rules = config.rules;
  const lastJudged = addDays(asOf, -1);
  const members = await em.find(Member, { status: { $ne: MemberStatus.REMOVED }, firstReportDueOn: { $lte: lastJudged } }, { orderBy: { id: 'asc' } });
  const result: ReportEvaluation = { noticed: [], removed: [] };
  if (members.length === 0) return result;
  const reports = await em.find(QuarterlyReport, { memberId: { $in: members.map((m) => m.id) }, onTime: true });
  const onTime = new Set(reports.map((r) => `${r.memberId}:${r.dueOn}`));
  for (const member of members) {
    const pending = dueDatesThrough(member.firstReportDueOn, lastJudged, rules.reportDueDates).filter((d) => !member.reportsEvaluatedThrough || d > member.reportsEvaluatedThrough);
    for (const dueOn of pending) {
      member.reportsEvaluatedThrough = dueOn;
      const judgedOn = addDays(dueOn, 1);
      if (onTime.has(`${member.id}:${dueOn}`)) {
        if (member.status === MemberStatus.NOTIFIED) {
          const before = memberSnapshot(member);
          member.status = MemberStatus.ACTIVE;
          member.missedReportStreak = 0;
          recordMemberChange(em, config, actor, member, { from: MemberStatus.NOTIFIED, action: 'REPORTING_RESUMED', on: judgedOn, before, reason: `${dueOn} 周期按期报送` });
        } else if (member.missedReportStreak > 0) {
          // the streak is part of the member's public record: its end is audited like any other change
          const before = memberSnapshot(member);
          member.missedReportStreak = 0;
          recordAudit(em, actor, { recordType: MEMBER, recordId: member.id, action: 'REPORT_STREAK_ENDED', before, after: memberSnapshot(member), reason: `${dueOn} 周期按期报送` });
        }
        member.missedReportStreak = 0;
        continue;
      }
      const before = memberSnapshot(member);
      member.missedReportStreak += 1;
      if (member.missedReportStreak >= rules.missedPeriodsForRemoval) {
        removeMember(em, config, actor, member, {
          ground: RemovalGround.MISSED_REPORTS,
          reason: `连续 ${member.missedReportStreak} 个周期未按规定报送服务情况（截至 ${dueOn}），依${config.abbreviation} 第十条移出`,
          on: judgedOn,
        });
        result.removed.push(member);
        break;
      }
      if (member.missedReportStreak === rules.missedPeriodsForNotice) {
        const text = `连续 ${member.missedReportStreak} 个周期未按规定报送服务情况（截至 ${dueOn}），依${config.abbreviation} 第十条予以通报`;
        em.persist(em.create(MemberNotice, { memberId: member.id, issuedOn: judgedOn, triggeredByDueOn: dueOn, missedPeriods: member.missedReportStreak, text }));
        const from = member.status;
        member.status = MemberStatus.NOTIFIED;
        recordMemberChange(em, config, actor, member, { from, action: 'NOTIFY_MISSED_REPORTS', on: judgedOn, before, reason: text, event: 'MemberNotified' });
        result.noticed.push(member);
      } else {
        recordAudit(em, actor, {
          recordType: MEMBER, recordId: member.id, action: 'MISSED_REPORT_PERIOD', before, after: memberSnapshot(member),
          reason: `${dueOn} 周期未按规定报送服务情况（连续 ${member.missedReportStreak} 个周期，${config.abbreviation} 第十条）`,
        });
      }
    }
  }
  await em.flush();
  return result;
}
