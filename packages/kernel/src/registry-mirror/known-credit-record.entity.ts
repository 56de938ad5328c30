import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A registry credit record as its events told it (第六条（七）, 第十二条). */
@Entity({ tableName: 'known_credit_records' })
@Index({ properties: ['institutionId'] })
export class KnownCreditRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'uuid' })
  institutionId: string;

  @Property({ type: 'text' })
  kind: string;

  @Property({ type: 'string', columnType: 'date' })
  listedOn: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  removedOn: string | null = null;

  @Property({ type: 'text' })
  source: string;
}
