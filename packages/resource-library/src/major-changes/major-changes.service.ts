import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addMonths, badInput, invalidTransition, isUuid, notFound, notInFuture, optionalText, recordAudit, recordStatusChange, text, writeTransaction, type AuthUser,
} from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { mayActForInstitution, mayVerifyForCity } from '../permissions';
import { findMember } from '../members/removal';
import { MEMBER } from '../members/member-history';
import { MajorChange, MajorChangeVerification } from './major-change.entity';
import type { ReportMajorChangeInput, VerifyMajorChangeInput } from './major-change.inputs';
import { requireInLibrary } from '../members/in-library';

export const MAJOR_CHANGE = 'LibraryMajorChange';
const REPORT_MAJOR_CHANGE = 'REPORT_MAJOR_CHANGE';
const VERIFY_MAJOR_CHANGE = 'VERIFY_MAJOR_CHANGE';

export const majorChangeSnapshot = (c: MajorChange) => ({
  id: c.id,
  kind: c.kind,
  changedOn: c.changedOn,
  dueBy: c.dueBy,
  reportedOn: c.reportedOn,
  late: c.late,
  verification: c.verification,
  verifiedOn: c.verifiedOn,
  verificationNote: c.verificationNote,
});

/**
 * 第十一条 发生更名、合并、重组、迁移等…重大变化，应在发生变化后的 3 个月（内）填写重大变化情况报告表: the
 * member's applicant reports a change that has happened, since admission. The deadline is the same day
 * three calendar months later (clamped to the month's end); a report after it is still taken, marked late.
 */
export async function reportMajorChange(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: ReportMajorChangeInput, today: string): Promise<MajorChange> {
  notInFuture('changedOn', input.changedOn, today);
  const description = text('description', input.description, 5000);
  return writeTransaction(em, async (tx) => {
    const member = await findMember(tx, input.memberId);
    const actor = mayActForInstitution(user, member.institutionId);
    requireInLibrary(member, REPORT_MAJOR_CHANGE);
    if (input.changedOn < member.admittedOn) {
      throw badInput(
        { zh: `变化日期不能早于入库日期 ${member.admittedOn}（${config.abbreviation} 第十一条）`, en: `changedOn cannot precede admission on ${member.admittedOn} (Art. 11)` },
        { reason: 'BEFORE_ADMISSION', field: 'changedOn', admittedOn: member.admittedOn },
      );
    }
    const dueBy = addMonths(input.changedOn, config.rules.majorChangeReportMonths);
    const change = tx.create(MajorChange, { memberId: member.id, kind: input.kind, changedOn: input.changedOn, dueBy, reportedOn: today, late: today > dueBy, description });
    tx.persist(change);
    recordAudit(tx, actor, { recordType: MEMBER, recordId: member.id, action: REPORT_MAJOR_CHANGE, after: majorChangeSnapshot(change) });
    await tx.flush();
    return change;
  });
}

/**
 * 第十一条 不再符合入库条件的机构，由市级中小企业主管部门（山西综改区管委会）核实情况后报省工信厅并移出: the
 * member's city (or the unit acting as one) verifies a reported change once. NO_LONGER_QUALIFIES is the
 * city's report to the province; the province then removes by decision (ground NO_LONGER_QUALIFIES), which
 * is refused without such a verification.
 */
export async function verifyMajorChange(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: VerifyMajorChangeInput, today: string): Promise<MajorChange> {
  const note = optionalText('note', input.note, 2000);
  if (!input.stillQualifies && note == null) {
    throw badInput(
      { zh: `核实不再符合入库条件须写明核实情况（${config.abbreviation} 第十一条）`, en: 'A finding that the member no longer qualifies needs a note (Art. 11)' },
      { reason: 'REASON_REQUIRED', field: 'note' },
    );
  }
  return writeTransaction(em, async (tx) => {
    const change = isUuid(input.changeId) ? await tx.findOne(MajorChange, { id: input.changeId }) : null;
    if (!change) throw notFound({ zh: '重大变化报告', en: 'Major change report' }, input.changeId);
    const member = await findMember(tx, change.memberId);
    const actor = mayVerifyForCity(user, member.unitCode);
    if (change.verification !== MajorChangeVerification.PENDING) throw invalidTransition(change.verification, VERIFY_MAJOR_CHANGE, []);
    requireInLibrary(member, VERIFY_MAJOR_CHANGE);
    const before = majorChangeSnapshot(change);
    change.verification = input.stillQualifies ? MajorChangeVerification.STILL_QUALIFIES : MajorChangeVerification.NO_LONGER_QUALIFIES;
    change.verifiedOn = today;
    change.verificationNote = note;
    recordStatusChange(tx, actor, {
      recordType: MAJOR_CHANGE, recordId: change.id, fromStatus: MajorChangeVerification.PENDING, toStatus: change.verification, action: VERIFY_MAJOR_CHANGE, on: today, reason: note,
    });
    recordAudit(tx, actor, {
      recordType: MEMBER, recordId: member.id, action: VERIFY_MAJOR_CHANGE, before, after: majorChangeSnapshot(change),
      reason: note ?? `${config.abbreviation} 第十一条 核实：仍符合入库条件`,
    });
    await tx.flush();
    return change;
  });
}
