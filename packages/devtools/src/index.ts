export * from './embedded-postgres';
export * from './subgraph-list';
export * from './composition';
export * from './free-port';
export * from './processes';
export * from './generated-section';
