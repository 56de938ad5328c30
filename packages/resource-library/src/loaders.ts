import type { EntityManager } from '@mikro-orm/postgresql';
import { KnownCreditRecord, KnownInstitution, annualFactsLoader, auditTrailLoader, manyByKey, oneByKey, statusHistoryLoader } from '@sme/kernel';
import { Application } from './applications/application.entity';
import { APPLICATION } from './applications/application-history';
import { MEMBER } from './members/member-history';
import { APPOINTMENT } from './appointments/appointments.service';
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

/** Made per request on the request's EntityManager fork (SPEC: batched reference resolvers and field reads). */
export function createLibraryLoaders(em: EntityManager) {
  return {
    application: oneByKey(em, Application, 'id'),
    member: oneByKey(em, Member, 'id'),
    knownInstitution: oneByKey(em, KnownInstitution, 'id'),
    applicationsByInstitution: manyByKey(em, Application, 'institutionId', { createdAt: 'desc', id: 'asc' }),
    membersByInstitution: manyByKey(em, Member, 'institutionId', { admittedOn: 'desc', id: 'asc' }),
    materials: manyByKey(em, ApplicationMaterial, 'applicationId', { attachedAt: 'asc', id: 'asc' }),
    spotChecks: manyByKey(em, SpotCheck, 'applicationId', { checkedOn: 'asc', id: 'asc' }),
    objections: manyByKey(em, Objection, 'applicationId', { receivedOn: 'asc', id: 'asc' }),
    statusHistory: statusHistoryLoader(em, [APPLICATION, MEMBER, APPOINTMENT]),
    auditTrail: auditTrailLoader(em),
    reports: manyByKey(em, QuarterlyReport, 'memberId', { dueOn: 'desc' }),
    notices: manyByKey(em, MemberNotice, 'memberId', { issuedOn: 'desc', id: 'asc' }),
    majorChanges: manyByKey(em, MajorChange, 'memberId', { changedOn: 'desc', id: 'asc' }),
    evaluations: manyByKey(em, AnnualEvaluation, 'memberId', { year: 'desc' }),
    offerings: manyByKey(em, ServiceOffering, 'memberId', { publishedOn: 'desc', id: 'asc' }),
    appointments: manyByKey(em, Appointment, 'memberId', { requestedOn: 'desc', id: 'asc' }),
    creditRecords: manyByKey(em, KnownCreditRecord, 'institutionId', { listedOn: 'asc', id: 'asc' }),
    /** Key `institutionId:year`. */
    annualFacts: annualFactsLoader(em),
  };
}

export type LibraryLoaders = ReturnType<typeof createLibraryLoaders>;
