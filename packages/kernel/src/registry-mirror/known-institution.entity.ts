import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What this library knows of an institution, learned from the registry's events (SPEC §1: a subgraph never
 * reads another's tables). The eligibility check (第六条) reads province, legal form and establishment date
 * from here.
 */
@Entity({ tableName: 'known_institutions' })
export class KnownInstitution {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'text' })
  creditCode: string;

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text' })
  legalForm: string;

  @Property({ type: 'text' })
  regionCode: string;

  @Property({ type: 'string', columnType: 'date' })
  establishedOn: string;

  @Property({ type: 'text', nullable: true })
  legalRepresentative: string | null = null;

  /** The registry's version of the record: an older event never overwrites a newer one. */
  @Property({ type: 'integer' })
  registryVersion: number;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
