import { Migration } from '@mikro-orm/migrations';

/**
 * An index for every filter and sort Taiyuan's lists offer, and for the loaders' foreign keys (issue 7;
 * test/filter-indexes.test.ts proves each from the plans).
 */
export class Migration20261210000000_taiyuan_filter_indexes extends Migration {
  async up(): Promise<void> {
    const s = '"taiyuan"';
    // applications: the whole list (analysts, admins) in its keyset order; by status; a reviewer's region, or the region filter
    this.addSql(`create index applications_created_idx on ${s}.applications (created_at, id)`);
    this.addSql(`create index applications_status_idx on ${s}.applications (status, created_at, id)`);
    this.addSql(`create index applications_region_idx on ${s}.applications (region_code, created_at, id)`);
    // TaiyuanApplication.provincialRecommendations: the recommendations made on a city designation
    this.addSql(`create index provincial_recommendations_designation_idx on ${s}.provincial_recommendations (designation_id)`);
  }
}
