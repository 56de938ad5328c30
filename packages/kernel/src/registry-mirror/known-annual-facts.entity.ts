import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The registry's annual figures of an institution, shown beside the declared ones (SPEC §2 Annual facts). */
@Entity({ tableName: 'known_annual_facts' })
export class KnownAnnualFacts {
  @PrimaryKey({ type: 'uuid' })
  institutionId: string;

  @PrimaryKey({ type: 'integer' })
  year: number;

  @Property({ type: 'jsonb' })
  figures: Record<string, number>;
}
