export * from './database';
export * from './graphql-client';
export * from './prometheus-samples';
