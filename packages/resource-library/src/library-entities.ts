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

/** Every table the engine maps, for MikroORM. */
export const LIBRARY_ENTITIES = [
  Application, ApplicationMaterial, SpotCheck, Objection, Member, QuarterlyReport, MemberNotice, MajorChange, AnnualEvaluation,
  ServiceOffering, Appointment, KnownInstitution, KnownCreditRecord, KnownAnnualFacts,
];
