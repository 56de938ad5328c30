import type { EntityManager } from '@mikro-orm/postgresql';
import { KnownInstitution, annualFactsLoader, auditTrailLoader, manyByKey, oneByKey, statusHistoryLoader, type RequestContext } from '@sme/kernel';
import { PlatformApplication } from './applications/application.entity';
import { APPLICATION } from './applications/application-history';
import { Designation } from './designations/designation.entity';
import { DESIGNATION } from './designations/designation-history';
import { Inspection } from './inspections/inspection.entity';
import { AnnualSummary } from './summaries/annual-summary.entity';
import { PerformanceAssessment } from './assessments/performance-assessment.entity';

/** Made per request on the request's EntityManager fork (batched reference resolvers and field reads). */
export function createPlatformLoaders(em: EntityManager) {
  return {
    application: oneByKey(em, PlatformApplication, 'id'),
    designation: oneByKey(em, Designation, 'id'),
    knownInstitution: oneByKey(em, KnownInstitution, 'id'),
    applicationsByInstitution: manyByKey(em, PlatformApplication, 'institutionId', { createdAt: 'desc', id: 'asc' }),
    designationsByInstitution: manyByKey(em, Designation, 'institutionId', { designatedOn: 'desc', id: 'asc' }),
    inspections: manyByKey(em, Inspection, 'designationId', { inspectedOn: 'desc', id: 'asc' }),
    summaries: manyByKey(em, AnnualSummary, 'designationId', { year: 'desc' }),
    assessments: manyByKey(em, PerformanceAssessment, 'designationId', { year: 'desc' }),
    statusHistory: statusHistoryLoader(em, [APPLICATION, DESIGNATION]),
    auditTrail: auditTrailLoader(em),
    /** Key `institutionId:year`. */
    annualFacts: annualFactsLoader(em),
  };
}

export type PlatformLoaders = ReturnType<typeof createPlatformLoaders>;
export type PlatformContext = RequestContext<PlatformLoaders>;
