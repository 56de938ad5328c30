/**
 * The registry's published events (SPEC §1): versioned like the schema. Consumers rely on these names and
 * payloads, never on the registry's tables. A breaking payload change is a new version (`.v2`).
 */
export const RegistryEvent = {
  InstitutionRegistered: 'registry.InstitutionRegistered.v1',
  InstitutionUpdated: 'registry.InstitutionUpdated.v1',
  AnnualFactsRecorded: 'registry.AnnualFactsRecorded.v1',
  CreditRecordAdded: 'registry.CreditRecordAdded.v1',
  CreditRecordCleared: 'registry.CreditRecordCleared.v1',
} as const;
