import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, chinaToday, isUuid, notFound, notInFuture, optionalText, publishEvent, recordAudit, text, writeTransaction, RegistryEvent, type AuthUser } from '@sme/kernel';
import { CreditRecord } from './credit-record.entity';
import type { AddCreditRecordInput, ClearCreditRecordInput } from './credit-record.inputs';
import { findInstitution } from '../institutions/institution.service';
import { mayRecordCredit } from '../permissions';

const snapshot = (r: CreditRecord, creditCode: string) => ({
  id: r.id,
  institutionId: r.institutionId,
  creditCode,
  kind: r.kind,
  listedOn: r.listedOn,
  removedOn: r.removedOn,
  source: r.source,
});

/**
 * A credit record is a fact other programmes act on (资源库 第十二条 direct removal; 示范平台 revocation):
 * it is published as `registry.CreditRecordAdded.v1` in the same transaction.
 */
export async function addCreditRecord(em: EntityManager, user: AuthUser | null, input: AddCreditRecordInput): Promise<CreditRecord> {
  return writeTransaction(em, async (tx) => {
    const institution = await findInstitution(tx, input.institutionId);
    const actor = mayRecordCredit(user, institution.regionCode);
    notInFuture('listedOn', input.listedOn, chinaToday());
    const record = tx.create(CreditRecord, {
      institutionId: institution.id,
      kind: input.kind,
      listedOn: input.listedOn,
      source: text('source', input.source, 100),
      note: optionalText('note', input.note, 500),
    });
    tx.persist(record);
    const after = snapshot(record, institution.creditCode);
    recordAudit(tx, actor, { recordType: 'CreditRecord', recordId: record.id, action: 'ADD', after });
    recordAudit(tx, actor, { recordType: 'Institution', recordId: institution.id, action: 'CREDIT_RECORD_ADDED', after });
    publishEvent(tx, { type: RegistryEvent.CreditRecordAdded, aggregateType: 'Institution', aggregateId: institution.id, payload: after });
    return record;
  });
}

export async function clearCreditRecord(em: EntityManager, user: AuthUser | null, input: ClearCreditRecordInput): Promise<CreditRecord> {
  return writeTransaction(em, async (tx) => {
    const record = isUuid(input.id) ? await tx.findOne(CreditRecord, { id: input.id }) : null;
    if (!record) throw notFound({ zh: '信用记录', en: 'Credit record' }, input.id);
    const institution = await findInstitution(tx, record.institutionId);
    const actor = mayRecordCredit(user, institution.regionCode);
    const reason = text('reason', input.reason, 500);
    notInFuture('removedOn', input.removedOn, chinaToday());
    if (record.removedOn !== null) {
      throw badInput({ zh: `该记录已于 ${record.removedOn} 移出`, en: `The record was already removed on ${record.removedOn}` }, { reason: 'ALREADY_CLEARED' });
    }
    if (input.removedOn < record.listedOn) {
      throw badInput({ zh: `移出日期不能早于列入日期 ${record.listedOn}`, en: `removedOn cannot precede listedOn ${record.listedOn}` }, { reason: 'DATE_ORDER', field: 'removedOn' });
    }
    const before = snapshot(record, institution.creditCode);
    record.removedOn = input.removedOn;
    await tx.flush();
    const after = snapshot(record, institution.creditCode);
    recordAudit(tx, actor, { recordType: 'CreditRecord', recordId: record.id, action: 'CLEAR', before, after, reason });
    recordAudit(tx, actor, { recordType: 'Institution', recordId: institution.id, action: 'CREDIT_RECORD_CLEARED', before, after, reason });
    publishEvent(tx, { type: RegistryEvent.CreditRecordCleared, aggregateType: 'Institution', aggregateId: institution.id, payload: { ...after, reason } });
    return record;
  });
}
