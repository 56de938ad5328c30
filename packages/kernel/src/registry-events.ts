/**
 * The registry's published events (SPEC §1), versioned like the schema. The registry publishes them; the
 * programme subgraphs consume them and rely on these names and payloads only, never on the registry's
 * tables. A breaking payload change is a new version (`.v2`), published beside the old one until every
 * consumer has moved.
 */
export const RegistryEvent = {
  InstitutionRegistered: 'registry.InstitutionRegistered.v1',
  InstitutionUpdated: 'registry.InstitutionUpdated.v1',
  AnnualFactsRecorded: 'registry.AnnualFactsRecorded.v1',
  CreditRecordAdded: 'registry.CreditRecordAdded.v1',
  CreditRecordCleared: 'registry.CreditRecordCleared.v1',
} as const;

/** Payload of InstitutionRegistered.v1 and InstitutionUpdated.v1 (the latter adds `changed`: the fields changed). */
export interface InstitutionPayload {
  id: string;
  creditCode: string;
  name: string;
  legalForm: string;
  regionCode: string;
  establishedOn: string;
  address: string | null;
  legalRepresentative: string | null;
  version: number;
  changed?: string[];
}

/** Payload of CreditRecordAdded.v1 and CreditRecordCleared.v1 (the latter adds `reason`). */
export interface CreditRecordPayload {
  id: string;
  institutionId: string;
  creditCode: string;
  kind: string;
  listedOn: string;
  removedOn: string | null;
  source: string;
  reason?: string;
}

/** Payload of AnnualFactsRecorded.v1: the year and every figure of the registry's annual facts. */
export interface AnnualFactsPayload {
  institutionId: string;
  creditCode: string;
  year: number;
  [figure: string]: number | string;
}

/** The credit record kinds the registry publishes (SPEC §2 Credit records), with their Chinese names for messages. */
export const CREDIT_RECORD_KIND_NAMES_ZH: Readonly<Record<string, string>> = {
  DISHONEST_JUDGMENT_DEBTOR: '失信被执行人',
  SERIOUS_DISHONESTY_LIST: '严重失信主体名单',
  ABNORMAL_OPERATION: '经营异常名录',
  MAJOR_TAX_VIOLATION: '重大税收违法失信主体',
  TAX_EVASION: '偷税漏税',
  LEGAL_REPRESENTATIVE_RECORD: '法定代表人失信记录',
  DATA_FALSIFICATION: '数据造假',
};
