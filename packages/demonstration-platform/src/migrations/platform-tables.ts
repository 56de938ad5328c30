import { Migration } from '@mikro-orm/migrations';
import { kernelTablesSql, registryMirrorTablesSql, statusChangesTableSql } from '@sme/kernel';

/**
 * The demonstration-platform tables, in the schema of the subgraph that runs the engine (`shandong`, `ningxia`):
 * each province owns its own copy (SPEC §1). Checks in the database repeat the services' rules, so that no path
 * can store what the rules refuse.
 */
function platformSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    ...registryMirrorTablesSql(schema),

    `create table ${s}.applications (
      id uuid primary key, institution_id uuid not null, region_code text not null, city_code text not null,
      campaign_year integer not null, rule_set_id text, status text not null,
      declared jsonb not null, functions jsonb not null, prior_recognitions jsonb not null,
      contact_person text not null, contact_phone text not null,
      submitted_on date, returned_step text check (returned_step in ('CITY','PROVINCE')), return_reason text,
      city_assessment jsonb, expert_review jsonb, on_site_visit jsonb,
      notice_starts_on date, notice_ends_on date check (notice_ends_on > notice_starts_on), closed_on date, rejection_reason text,
      designation_id uuid, created_at timestamptz not null, updated_at timestamptz not null, version integer not null default 1,
      check (status = 'DRAFT' or (submitted_on is not null and rule_set_id is not null)),
      check ((status = 'RETURNED') = (returned_step is not null)))`,
    `create index applications_institution_idx on ${s}.applications (institution_id, created_at)`,
    `create index applications_city_status_idx on ${s}.applications (city_code, status, created_at, id)`,
    `create index applications_status_idx on ${s}.applications (status, created_at, id)`,
    `create index applications_campaign_idx on ${s}.applications (campaign_year, status)`,
    // one open application per institution (one round a year: 鲁 第二十二条, 宁 第十四条)
    `create unique index applications_one_open_idx on ${s}.applications (institution_id)
      where status in ('DRAFT','SUBMITTED','RETURNED','CITY_RECOMMENDED','IN_PUBLIC_NOTICE')`,

    `create table ${s}.designations (
      id uuid primary key, institution_id uuid not null, application_id uuid not null unique references ${s}.applications (id),
      rule_set_id text not null, campaign_year integer not null, region_code text not null, city_code text not null,
      functions text[] not null check (cardinality(functions) > 0),
      designated_on date not null, valid_until date not null check (valid_until > designated_on),
      revoked_on date check (revoked_on >= designated_on), revocation_ground text, revocation_reason text, application_banned_until date,
      national_recommendation_year integer, created_at timestamptz not null, version integer not null default 1,
      check ((revoked_on is null) = (revocation_ground is null) and (revoked_on is null) = (revocation_reason is null)))`,
    `create index designations_institution_idx on ${s}.designations (institution_id, designated_on)`,
    `create index designations_city_idx on ${s}.designations (city_code, valid_until)`,
    `create index designations_valid_until_idx on ${s}.designations (valid_until, id)`,
    `create index designations_designated_idx on ${s}.designations (designated_on, id)`,
    `create index designations_functions_idx on ${s}.designations using gin (functions)`,

    `create table ${s}.inspections (
      id uuid primary key, designation_id uuid not null references ${s}.designations (id), city_code text not null,
      inspected_on date not null, findings text not null, passed boolean not null,
      request_status text check (request_status in ('PENDING','UPHELD','DISMISSED')), request_decided_on date, request_decision_reason text,
      recorded_by text not null, recorded_at timestamptz not null, version integer not null default 1,
      check (request_status is null or not passed))`,
    `create index inspections_designation_idx on ${s}.inspections (designation_id, inspected_on)`,
    `create index inspections_pending_idx on ${s}.inspections (city_code) where request_status = 'PENDING'`,

    `create table ${s}.annual_summaries (
      id uuid primary key, designation_id uuid not null references ${s}.designations (id), year integer not null,
      due_on date not null, filed_on date not null, late boolean not null, summary text not null, next_year_plan text,
      filed_by text not null, recorded_at timestamptz not null, unique (designation_id, year))`,
    `create index annual_summaries_year_idx on ${s}.annual_summaries (year)`,

    `create table ${s}.city_reports (
      id uuid primary key, city_code text not null, year integer not null, due_on date not null, filed_on date not null,
      late boolean not null, summary_report text not null, inspection_report text not null, filed_by text not null,
      recorded_at timestamptz not null, unique (city_code, year))`,

    `create table ${s}.performance_assessments (
      id uuid primary key, designation_id uuid not null references ${s}.designations (id), year integer not null,
      rating text not null check (rating in ('EXCELLENT','GOOD','PASS','FAIL')), comments text not null,
      assessed_on date not null, assessed_by text not null, recorded_at timestamptz not null, unique (designation_id, year))`,
    `create index performance_assessments_year_idx on ${s}.performance_assessments (year, rating)`,

    ...statusChangesTableSql(schema),
    ...kernelTablesSql(schema),
  ];
}

/**
 * An index for every filter and sort the programme offers (issue 7; test/filter-indexes.test.ts proves each from
 * the plans): the lists' keyset orders on their own, their fixed predicates as partial indexes.
 */
function platformFilterIndexesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    // applications: the whole list (analysts, admins) in its keyset order; a reviewer's region; a declared function
    `create index applications_created_idx on ${s}.applications (created_at, id)`,
    `create index applications_region_idx on ${s}.applications (region_code, created_at, id)`,
    `create index applications_functions_idx on ${s}.applications using gin (functions jsonb_path_ops)`,
    // 公示 (鲁 第二十条, 宁 第十二条) the public notices, the notice ending soonest first
    `create index applications_notice_idx on ${s}.applications (notice_ends_on, id) where status = 'IN_PUBLIC_NOTICE'`,
    // the platform database: revoked platforms, a campaign's platforms
    `create index designations_revoked_idx on ${s}.designations (revoked_on) where revoked_on is not null`,
    `create index designations_campaign_idx on ${s}.designations (campaign_year)`,
    // 宁 第十八条 the cities' reports of a year
    `create index city_reports_year_idx on ${s}.city_reports (year)`,
  ];
}

/** The engine's migrations for one province's schema, in order. */
export function platformMigrations(schema: string): { name: string; class: new (...args: any[]) => Migration }[] {
  class Migration20261124100000_platforms extends Migration {
    async up(): Promise<void> {
      for (const statement of platformSql(schema)) this.addSql(statement);
    }
  }
  class Migration20261210000000_platform_filter_indexes extends Migration {
    async up(): Promise<void> {
      for (const statement of platformFilterIndexesSql(schema)) this.addSql(statement);
    }
  }
  return [
    { name: 'Migration20261124100000_platforms', class: Migration20261124100000_platforms },
    { name: 'Migration20261210000000_platform_filter_indexes', class: Migration20261210000000_platform_filter_indexes },
  ];
}
