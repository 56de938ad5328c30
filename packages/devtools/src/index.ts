export * from './embedded-postgres';
export * from './subgraph-list';
export * from './composition';
export * from './free-port';
export * from './processes';
export * from './generated-section';
// the schema check (check-schema.ts) is imported by its path: it loads the gateway's operations and
// graphql-inspector, which the tests that start processes through this index do not need
