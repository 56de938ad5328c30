import { Migration } from '@mikro-orm/migrations';

/**
 * An index for every filter the institutions list offers (issue 7; test/filter-indexes.test.ts proves each from the
 * plans). `nameContains` matches anywhere in the name (`ilike '%…%'`), which only a trigram index serves: pg_trgm
 * is a trusted extension (the database owner may create it). Where the extension is already installed, in whatever
 * schema, its operator class is named from there.
 */
export class Migration20261210000000_registry_filter_indexes extends Migration {
  async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema registry');
    this.addSql(`do $$
      declare trgm_schema text;
      begin
        select n.nspname into trgm_schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
        execute format('create index institutions_name_trgm_idx on registry.institutions using gin (name %I.gin_trgm_ops)', trgm_schema);
      end $$`);
  }
}
