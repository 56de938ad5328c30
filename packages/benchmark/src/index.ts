export { seedScale, planScale, DEFAULT_SEED, SCALE_SCHEMAS, type ScalePlan, type SeedCounts, type SeedProgress, type SeedScaleOptions } from './scale-seed';
export { migrateSubgraphs } from './scale-migrations';
export { sampleInstitutions, type SampleInstitution, type SampleKind } from './scale-samples';
export { ANCHOR_DATE } from './scale-timeline';
