import type { EntityManager } from '@mikro-orm/postgresql';
import { addWorkingDays, badInput, invalidTransition, isUuid, notFound, notInFuture, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { Application } from './application.entity';
import { Objection, ObjectionStatus } from './objection.entity';
import { ApplicationAction, LibraryApplicationStatus as Status } from './application-status';
import type { DecideObjectionInput, ObjectionInput, StartNoticeInput } from './application.inputs';
import { APPLICATION, applicationSnapshot, recordTransition } from './application-history';
import { findApplication, requireStatus } from './application.service';
import { mayDecideForProvince } from '../permissions';

/**
 * 第八条（四）拟入库名单公示五个工作日: the end date is the 5th working day after publication (weekends and
 * holidays skipped, make-up days counted; SPEC §2). One notice lists several applications: all or none.
 */
export async function startPublicNotice(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: StartNoticeInput, today: string): Promise<Application[]> {
  const actor = mayDecideForProvince(user, config);
  const startsOn = input.startsOn ?? today;
  notInFuture('startsOn', startsOn, today);
  const endsOn = addWorkingDays(startsOn, config.rules.noticeWorkingDays);
  const ids = [...new Set(input.applicationIds)];
  // the list as sent is bounded, not only once duplicates are dropped
  if (ids.length === 0 || input.applicationIds.length > 500) throw badInput({ zh: '公示名单应有 1 到 500 个申请', en: 'A notice lists 1 to 500 applications' }, { reason: 'OUT_OF_RANGE', field: 'applicationIds' });
  return writeTransaction(em, async (tx) => {
    const applications: Application[] = [];
    for (const id of ids) {
      const application = await findApplication(tx, id);
      requireStatus(application, ApplicationAction.START_PUBLIC_NOTICE, Status.PROVINCE_APPROVED);
      if (application.provinceDecidedOn && startsOn < application.provinceDecidedOn) {
        throw badInput({ zh: `公示日期不能早于省级审核日期 ${application.provinceDecidedOn}`, en: `startsOn cannot precede the provincial decision on ${application.provinceDecidedOn}` }, { reason: 'DATE_ORDER', field: 'startsOn' });
      }
      const before = applicationSnapshot(application);
      application.status = Status.IN_PUBLIC_NOTICE;
      application.noticeStartsOn = startsOn;
      application.noticeEndsOn = endsOn;
      applications.push(application);
      await tx.flush();
      recordTransition(tx, actor, application, { from: Status.PROVINCE_APPROVED, action: ApplicationAction.START_PUBLIC_NOTICE, on: startsOn, before, reason: `公示至 ${endsOn}` });
    }
    return applications;
  });
}

export async function recordObjection(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: ObjectionInput, today: string): Promise<Objection> {
  const actor = mayDecideForProvince(user, config);
  notInFuture('receivedOn', input.receivedOn, today);
  const summary = text('summary', input.summary, 4000);
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    requireStatus(application, ApplicationAction.RECORD_OBJECTION, Status.IN_PUBLIC_NOTICE);
    if (input.receivedOn < application.noticeStartsOn! || input.receivedOn > application.noticeEndsOn!) {
      throw badInput(
        { zh: `异议应在公示期 ${application.noticeStartsOn} 至 ${application.noticeEndsOn} 内收到`, en: `An objection must be received during the notice (${application.noticeStartsOn} to ${application.noticeEndsOn})` },
        { reason: 'OUTSIDE_NOTICE_PERIOD', field: 'receivedOn' },
      );
    }
    const objection = tx.create(Objection, { applicationId: application.id, receivedOn: input.receivedOn, summary });
    tx.persist(objection);
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: ApplicationAction.RECORD_OBJECTION, after: { receivedOn: input.receivedOn, summary } });
    return objection;
  });
}

/** An upheld objection ends the application (OBJECTION_UPHELD); a dismissed one lets the notice run on. */
export async function decideObjection(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: DecideObjectionInput, today: string): Promise<Objection> {
  const actor = mayDecideForProvince(user, config);
  const reason = text('reason', input.reason, 2000);
  return writeTransaction(em, async (tx) => {
    const objection = isUuid(input.objectionId) ? await tx.findOne(Objection, { id: input.objectionId }) : null;
    if (!objection) throw notFound({ zh: '公示异议', en: 'Objection' }, input.objectionId);
    const application = await findApplication(tx, objection.applicationId);
    const action = input.upheld ? ApplicationAction.UPHOLD_OBJECTION : ApplicationAction.DISMISS_OBJECTION;
    if (objection.status !== ObjectionStatus.PENDING) throw invalidTransition(objection.status, action, []);
    requireStatus(application, action, Status.IN_PUBLIC_NOTICE);
    objection.status = input.upheld ? ObjectionStatus.UPHELD : ObjectionStatus.DISMISSED;
    objection.decidedOn = today;
    objection.decisionReason = reason;
    if (input.upheld) {
      const before = applicationSnapshot(application);
      application.status = Status.OBJECTION_UPHELD;
      application.rejectionReason = reason;
      application.closedOn = today;
      await tx.flush();
      recordTransition(tx, actor, application, { from: Status.IN_PUBLIC_NOTICE, action: ApplicationAction.UPHOLD_OBJECTION, on: today, reason, before });
    } else {
      recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: ApplicationAction.DISMISS_OBJECTION, after: { objectionId: objection.id }, reason });
    }
    return objection;
  });
}
