import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, systemActor, type AuthUser } from '@sme/kernel';
import { Application } from '../applications/application.entity';
import { Objection, ObjectionStatus } from '../applications/objection.entity';
import { ApplicationAction, LibraryApplicationStatus } from '../applications/application-status';
import { applicationSnapshot, recordTransition } from '../applications/application-history';
import { firstDueDateAfter } from '../quarterly-reports/due-dates';
import type { LibraryConfig } from '../library-config';
import { Member } from './member.entity';
import { recordMemberChange } from './member-history';

/**
 * 第八条（四）公示无异议的，直接纳入: on the day after the notice's last working day, an application with no
 * pending or upheld objection becomes a member. An objection holds the admission until it is decided: once
 * every objection is dismissed, the application is admitted on the day of the last dismissal (never before
 * it). Run by the daily schedule for a date; replaying a date that has been run admits nothing twice, and a
 * run for a date before the last dismissal does not admit.
 */
export async function admitAfterNotice(em: EntityManager, config: LibraryConfig, asOf: string, actor: AuthUser = systemActor(`${config.name}-schedule`)): Promise<Member[]> {
  const due = await em.find(Application, { status: LibraryApplicationStatus.IN_PUBLIC_NOTICE, noticeEndsOn: { $lt: asOf } }, { orderBy: { noticeEndsOn: 'asc', id: 'asc' } });
  if (due.length === 0) return [];
  const objections = await em.find(Objection, { applicationId: { $in: due.map((a) => a.id) } });
  const waiting = new Set(objections.filter((o) => o.status === ObjectionStatus.PENDING).map((o) => o.applicationId));
  const lastDismissal = new Map<string, string>();
  for (const o of objections) {
    if (o.status === ObjectionStatus.DISMISSED && o.decidedOn && o.decidedOn > (lastDismissal.get(o.applicationId) ?? '')) lastDismissal.set(o.applicationId, o.decidedOn);
  }
  const admitted: Member[] = [];
  for (const application of due) {
    if (waiting.has(application.id)) continue; // a pending objection is decided first
    const dayAfterNotice = addDays(application.noticeEndsOn!, 1);
    const dismissedOn = lastDismissal.get(application.id);
    const admittedOn = dismissedOn && dismissedOn > dayAfterNotice ? dismissedOn : dayAfterNotice;
    if (admittedOn > asOf) continue; // a run for a day before the objection was dismissed
    const before = applicationSnapshot(application);
    const member = em.create(Member, {
      institutionId: application.institutionId, applicationId: application.id, categories: application.categories, nature: application.nature,
      regionCode: application.regionCode, unitCode: application.unitCode, admittedOn,
      firstReportDueOn: firstDueDateAfter(admittedOn, config.rules.reportDueDates),
    });
    em.persist(member);
    application.status = LibraryApplicationStatus.ADMITTED;
    application.closedOn = admittedOn;
    application.memberId = member.id;
    await em.flush();
    recordTransition(em, actor, application, { from: LibraryApplicationStatus.IN_PUBLIC_NOTICE, action: ApplicationAction.ADMIT, on: admittedOn, before });
    recordMemberChange(em, config, actor, member, { from: null, action: 'ADMIT', on: admittedOn, before: null, event: 'MemberAdmitted' });
    admitted.push(member);
  }
  return admitted;
}
