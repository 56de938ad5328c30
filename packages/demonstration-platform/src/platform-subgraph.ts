import { registryMirrorHandlers, type SubgraphDefinition, InstitutionReference } from '@sme/kernel';
import type { PlatformProgrammeConfig } from './programme-config';
import { createPlatformLoaders, type PlatformLoaders } from './loaders';
import { platformMigrations } from './migrations/platform-tables';
import { PLATFORM_ENTITIES } from './platform-entities';
import { createInstitutionFieldsResolver } from './institution-fields.resolver';
import { createApplicationResolver } from './applications/application.resolver';
import { createDesignationResolver } from './designations/designation.resolver';
import { createInspectionResolver } from './inspections/inspection.resolver';
import { createCityReportResolver, createSummaryResolver } from './summaries/summary.resolver';
import { createAssessmentResolver } from './assessments/assessment.resolver';
import { createRuleSetResolver } from './rule-set.resolver';
import { revokeForCreditRecord } from './designations/revocation';

/**
 * A demonstration-platform subgraph (SPEC §4) from one province's programme: `shandong` and `ningxia` are this
 * engine with their own rule sets and articles, each in its own PostgreSQL schema. Fields a document does not
 * provide for (Shandong has no city report or performance assessment) are not in that province's schema.
 */
export function definePlatformSubgraph(config: PlatformProgrammeConfig): SubgraphDefinition<PlatformLoaders> {
  const m = config.management;
  return {
    name: config.name,
    resolvers: [
      createApplicationResolver(config),
      createDesignationResolver(config),
      createInspectionResolver(config),
      createSummaryResolver(config),
      ...(m.cityReport ? [createCityReportResolver(config)] : []),
      ...(m.performanceAssessment ? [createAssessmentResolver(config)] : []),
      createInstitutionFieldsResolver(config),
      createRuleSetResolver(config),
    ],
    orphanedTypes: [InstitutionReference],
    referenceResolvers: {
      // the programme holds no institution data of its own to return: the key is enough for its fields
      Institution: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
    },
    entities: PLATFORM_ENTITIES,
    migrations: platformMigrations(config.name),
    createLoaders: createPlatformLoaders,
    // the registry mirror, plus: a credit record revokes the designation in the same transaction
    eventHandlers: registryMirrorHandlers(config.name, { creditRecordAdded: (em, record) => revokeForCreditRecord(em, config, record) }),
  };
}
