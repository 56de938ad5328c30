import { Migration } from '@mikro-orm/migrations';

/**
 * An index for every filter the provincial platform register offers (issue 7; test/filter-indexes.test.ts proves
 * each from the plans): the REVOKED status filter reads `revoked_on`, which few designations have.
 */
export function provincialFilterIndexesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [`create index provincial_platform_designations_revoked_idx on ${s}.provincial_platform_designations (revoked_on) where revoked_on is not null`];
}

export class Migration20261210000000_provincial_filter_indexes extends Migration {
  async up(): Promise<void> {
    for (const statement of provincialFilterIndexesSql('shanxi')) this.addSql(statement);
  }
}

export const provincialFilterIndexesMigration = { name: 'Migration20261210000000_provincial_filter_indexes', class: Migration20261210000000_provincial_filter_indexes };
