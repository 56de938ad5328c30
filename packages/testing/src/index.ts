export * from './database';
export * from './loaded-template';
export * from './graphql-client';
export * from './prometheus-samples';
