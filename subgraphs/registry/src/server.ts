import type { SubgraphDefinition } from '@sme/kernel';
import { InstitutionResolver } from './institutions/institution.resolver';
import { institutionReference } from './institutions/institution.reference';
import { RegionResolver } from './regions/region.resolver';
import { CreditRecordResolver } from './credit-records/credit-record.resolver';
import { AnnualFactsResolver } from './annual-facts/annual-facts.resolver';
import { Institution } from './institutions/institution.entity';
import { CreditRecord } from './credit-records/credit-record.entity';
import { AnnualFacts } from './annual-facts/annual-facts.entity';
import { Migration20261123000000_initial } from './migrations/Migration20261123000000_initial';
import { Migration20261210000000_registry_filter_indexes } from './migrations/Migration20261210000000_registry_filter_indexes';
import { createLoaders, type Loaders } from './loaders';
import { importTemplateRoutes, importUploadRoutes } from './imports/import-routes';

/**
 * The `registry` subgraph (SPEC §1): institutions, regions, annual facts and credit records. This module only
 * describes it; `index.ts` serves it, so tests can start it in-process on port 0.
 */
export const registry: SubgraphDefinition<Loaders> = {
  name: 'registry',
  resolvers: [InstitutionResolver, RegionResolver, CreditRecordResolver, AnnualFactsResolver],
  referenceResolvers: institutionReference,
  entities: [Institution, CreditRecord, AnnualFacts],
  migrations: [
    { name: 'Migration20261123000000_initial', class: Migration20261123000000_initial },
    { name: 'Migration20261210000000_registry_filter_indexes', class: Migration20261210000000_registry_filter_indexes },
  ],
  createLoaders,
  httpRoutes: importTemplateRoutes,
  uploadRoutes: importUploadRoutes,
};
