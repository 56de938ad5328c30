export * from './platform-function';
export * from './rule-set';
export * from './rule-set-validation';
export * from './rule-set-in-force';
export * from './eligibility-input';
export * from './eligibility';
