import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { StatusChange, isUuid } from '@sme/kernel';
import { KnownAnnualFacts, KnownCreditRecord, KnownInstitution } from '@sme/kernel';
import { Application } from './applications/application.entity';
import { ApplicationMaterial } from './applications/application-material.entity';
import { SpotCheck } from './applications/spot-check.entity';
import { Objection } from './applications/objection.entity';
import { Member } from './members/member.entity';
import { QuarterlyReport } from './quarterly-reports/quarterly-report.entity';
import { MemberNotice } from './quarterly-reports/member-notice.entity';
import { MajorChange } from './major-changes/major-change.entity';
import { AnnualEvaluation } from './evaluations/annual-evaluation.entity';
import { ServiceOffering } from './offerings/service-offering.entity';
import { Appointment } from './appointments/appointment.entity';

/** One statement per kind of read, whatever the number of keys; rows come back in the keys' order. */
function byKey<T extends object>(em: EntityManager, entity: EntityName<T>, key: keyof T & string, orderBy: Record<string, 'asc' | 'desc'>) {
  return new DataLoader<string, T[]>(async (keys) => {
    const valid = keys.filter(isUuid);
    const rows = valid.length ? await em.find(entity, { [key]: { $in: valid } } as FilterQuery<T>, { orderBy: orderBy as never }) : [];
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(String(row[key]))?.push(row);
    return keys.map((k) => groups.get(k)!);
  });
}

function byId<T extends { id: string }>(em: EntityManager, entity: EntityName<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await em.find(entity, { id: { $in: valid } } as unknown as FilterQuery<T>) : [];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Made per request on the request's EntityManager fork (SPEC: batched reference resolvers and field reads). */
export function createLibraryLoaders(em: EntityManager) {
  return {
    application: byId(em, Application),
    member: byId(em, Member),
    knownInstitution: byId(em, KnownInstitution),
    applicationsByInstitution: byKey(em, Application, 'institutionId', { createdAt: 'desc', id: 'asc' }),
    membersByInstitution: byKey(em, Member, 'institutionId', { admittedOn: 'desc', id: 'asc' }),
    materials: byKey(em, ApplicationMaterial, 'applicationId', { attachedAt: 'asc', id: 'asc' }),
    spotChecks: byKey(em, SpotCheck, 'applicationId', { checkedOn: 'asc', id: 'asc' }),
    objections: byKey(em, Objection, 'applicationId', { receivedOn: 'asc', id: 'asc' }),
    statusHistory: new DataLoader<string, StatusChange[]>(async (ids) => {
      const rows = await em.find(StatusChange, { recordId: { $in: [...ids] } }, { orderBy: { seq: 'asc' } });
      const groups = new Map<string, StatusChange[]>(ids.map((k) => [k, []]));
      for (const row of rows) groups.get(row.recordId)?.push(row);
      return ids.map((k) => groups.get(k)!);
    }),
    reports: byKey(em, QuarterlyReport, 'memberId', { dueOn: 'desc' }),
    notices: byKey(em, MemberNotice, 'memberId', { issuedOn: 'desc', id: 'asc' }),
    majorChanges: byKey(em, MajorChange, 'memberId', { changedOn: 'desc', id: 'asc' }),
    evaluations: byKey(em, AnnualEvaluation, 'memberId', { year: 'desc' }),
    offerings: byKey(em, ServiceOffering, 'memberId', { publishedOn: 'desc', id: 'asc' }),
    appointments: byKey(em, Appointment, 'memberId', { requestedOn: 'desc', id: 'asc' }),
    creditRecords: byKey(em, KnownCreditRecord, 'institutionId', { listedOn: 'asc', id: 'asc' }),
    /** Key `institutionId:year`. */
    annualFacts: new DataLoader<string, KnownAnnualFacts | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':')).filter(([id, year]) => isUuid(id) && /^\d{4}$/.test(year));
      const rows = pairs.length ? await em.find(KnownAnnualFacts, { $or: pairs.map(([institutionId, year]) => ({ institutionId, year: Number(year) })) }) : [];
      const map = new Map(rows.map((r) => [`${r.institutionId}:${r.year}`, r]));
      return keys.map((k) => map.get(k) ?? null);
    }),
  };
}

export type LibraryLoaders = ReturnType<typeof createLibraryLoaders>;
