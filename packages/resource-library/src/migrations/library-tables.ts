import { Migration } from '@mikro-orm/migrations';
import { kernelTablesSql, registryMirrorTablesSql, statusChangesTableSql } from '@sme/kernel';

/**
 * The resource library's tables, in the schema of the subgraph that runs the engine (`shanxi`, `hebei`):
 * each province owns its own copy (SPEC §1). Checks in the database repeat the service's rules, so that
 * no path can store what the rules refuse.
 */
function librarySql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    ...registryMirrorTablesSql(schema),

    `create table ${s}.applications (
      id uuid primary key, institution_id uuid not null, region_code text not null, unit_code text not null,
      status text not null, categories text[] not null check (cardinality(categories) > 0),
      nature text not null check (nature in ('PUBLIC_WELFARE','COMMERCIAL')),
      declared jsonb not null, attestations jsonb not null,
      submitted_on date, returned_step text, return_reason text, rejection_reason text,
      county_reviewed_on date, city_recommended_on date, city_opinion text, province_decided_on date,
      notice_starts_on date, notice_ends_on date check (notice_ends_on >= notice_starts_on), closed_on date, member_id uuid,
      created_at timestamptz not null, updated_at timestamptz not null, version integer not null default 1)`,
    `create index applications_institution_idx on ${s}.applications (institution_id, created_at)`,
    `create index applications_unit_status_idx on ${s}.applications (unit_code, status, created_at, id)`,
    `create index applications_status_idx on ${s}.applications (status, created_at, id)`,
    // one open application per institution: a second draft while one is under review would be judged twice
    `create unique index applications_one_open_idx on ${s}.applications (institution_id)
      where status in ('DRAFT','SUBMITTED','RETURNED','COUNTY_APPROVED','CITY_RECOMMENDED','PROVINCE_APPROVED','IN_PUBLIC_NOTICE')`,
    `create table ${s}.application_materials (
      id uuid primary key, application_id uuid not null references ${s}.applications (id), item text not null,
      file_name text not null, media_type text not null, size_bytes integer not null check (size_bytes > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'), attached_at timestamptz not null,
      unique (application_id, item, sha256))`,
    `create index application_materials_application_idx on ${s}.application_materials (application_id)`,
    `create table ${s}.spot_checks (
      id uuid primary key, application_id uuid not null references ${s}.applications (id), checked_on date not null,
      inspectors text not null, findings text not null, passed boolean not null, recorded_by text not null, recorded_at timestamptz not null)`,
    `create index spot_checks_application_idx on ${s}.spot_checks (application_id)`,
    `create table ${s}.objections (
      id uuid primary key, application_id uuid not null references ${s}.applications (id), received_on date not null,
      summary text not null, status text not null check (status in ('PENDING','UPHELD','DISMISSED')), decided_on date, decision_reason text)`,
    `create index objections_application_idx on ${s}.objections (application_id)`,

    `create table ${s}.members (
      id uuid primary key, institution_id uuid not null, application_id uuid not null unique references ${s}.applications (id),
      status text not null check (status in ('ACTIVE','NOTIFIED','REMOVED')),
      categories text[] not null, nature text not null, region_code text not null, unit_code text not null,
      admitted_on date not null, first_report_due_on date not null check (first_report_due_on > admitted_on),
      missed_report_streak integer not null default 0 check (missed_report_streak >= 0), reports_evaluated_through date,
      removed_on date, removal_ground text, removal_reason text, reentry_banned_until date,
      created_at timestamptz not null, updated_at timestamptz not null, version integer not null default 1,
      check ((status = 'REMOVED') = (removed_on is not null)))`,
    `create unique index members_one_current_idx on ${s}.members (institution_id) where status <> 'REMOVED'`,
    `create index members_institution_idx on ${s}.members (institution_id, admitted_on)`,
    `create index members_unit_status_idx on ${s}.members (unit_code, status)`,
    `create index members_status_idx on ${s}.members (status, admitted_on, id)`,
    `create index members_categories_idx on ${s}.members using gin (categories)`,
    `create table ${s}.quarterly_reports (
      id uuid primary key, member_id uuid not null references ${s}.members (id), due_on date not null, filed_on date not null,
      on_time boolean not null, enterprises_served integer not null check (enterprises_served >= 0),
      public_welfare_activities integer not null check (public_welfare_activities >= 0), summary text not null,
      filed_by text not null, recorded_at timestamptz not null, unique (member_id, due_on))`,
    `create table ${s}.member_notices (
      id uuid primary key, member_id uuid not null references ${s}.members (id), issued_on date not null,
      triggered_by_due_on date not null, missed_periods integer not null, text text not null, recorded_at timestamptz not null,
      unique (member_id, triggered_by_due_on))`,
    `create table ${s}.major_changes (
      id uuid primary key, member_id uuid not null references ${s}.members (id), kind text not null, changed_on date not null,
      due_by date not null, reported_on date not null, late boolean not null, description text not null,
      verification text not null, verified_on date, verification_note text, recorded_at timestamptz not null)`,
    `create index major_changes_member_idx on ${s}.major_changes (member_id)`,
    `create table ${s}.annual_evaluations (
      id uuid primary key, member_id uuid not null references ${s}.members (id), year integer not null,
      rating text not null check (rating in ('EXCELLENT','GOOD','PASS','FAIL')), comments text not null,
      missed_reports integer not null, overdue_appointments integer, evaluated_on date not null, evaluated_by text not null,
      recorded_at timestamptz not null, unique (member_id, year))`,
    `create table ${s}.service_offerings (
      id uuid primary key, member_id uuid not null references ${s}.members (id), kind text not null check (kind in ('PRODUCT','CASE')),
      category text not null, title text not null, summary text not null, published_on date not null, withdrawn_on date,
      updated_at timestamptz not null)`,
    `create index service_offerings_member_idx on ${s}.service_offerings (member_id, published_on)`,
    `create table ${s}.appointments (
      id uuid primary key, member_id uuid not null references ${s}.members (id), enterprise_name text not null,
      enterprise_credit_code text, contact_person text not null, contact_phone text not null, service text not null,
      requested_on date not null, due_by date not null check (due_by > requested_on), handled_on date check (handled_on >= requested_on),
      outcome text, handled_by text, created_at timestamptz not null, version integer not null default 1)`,
    `create index appointments_member_idx on ${s}.appointments (member_id, requested_on)`,
    `create index appointments_open_idx on ${s}.appointments (due_by) where handled_on is null`,
    `create table ${s}.schedule_runs (as_of date primary key, ran_at timestamptz not null, summary jsonb not null)`,
    ...statusChangesTableSql(schema),
    ...kernelTablesSql(schema),
  ];
}

/**
 * An index for every filter and sort the library offers (issue 7; test/filter-indexes.test.ts proves each from the
 * plans): the lists' keyset orders on their own, their fixed predicates as partial indexes, and the lookups of the
 * daily schedule and the reviewers' scopes.
 */
function libraryFilterIndexesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    // applications: the whole list (analysts, admins) in its keyset order; a reviewer's region, or the region filter
    `create index applications_created_idx on ${s}.applications (created_at, id)`,
    `create index applications_region_idx on ${s}.applications (region_code, created_at, id)`,
    // 第八条（四） the public notices, the notice ending soonest first; the schedule admits those whose notice has ended
    `create index applications_notice_idx on ${s}.applications (notice_ends_on, id) where status = 'IN_PUBLIC_NOTICE'`,
    // 第八条（二） a recommending unit's summary table of a year
    `create index applications_recommended_idx on ${s}.applications (unit_code, city_recommended_on, id) where city_recommended_on is not null`,
    // members: the default list (members still in the library) in its keyset order, by nature; a reviewer's region
    `create index members_current_idx on ${s}.members (admitted_on, id) where status <> 'REMOVED'`,
    `create index members_current_nature_idx on ${s}.members (nature, admitted_on, id) where status <> 'REMOVED'`,
    `create index members_region_idx on ${s}.members (region_code)`,
    // 第十条 the schedule's members whose first report is due
    `create index members_report_due_idx on ${s}.members (first_report_due_on) where status <> 'REMOVED'`,
    // 第十三条（一） published offerings, newest first, and by category
    `create index service_offerings_published_idx on ${s}.service_offerings (published_on, id) where withdrawn_on is null`,
    `create index service_offerings_category_idx on ${s}.service_offerings (category, published_on, id) where withdrawn_on is null`,
    // 第十三条（二） appointments in their keyset order; handled (open: false); handled late or on time (the overdue flag)
    `create index appointments_requested_idx on ${s}.appointments (requested_on, id)`,
    `create index appointments_handled_idx on ${s}.appointments (handled_on)`,
    `create index appointments_handled_late_idx on ${s}.appointments (requested_on, id) where handled_on > due_by`,
    `create index appointments_handled_on_time_idx on ${s}.appointments (requested_on, id) where handled_on <= due_by`,
  ];
}

/** The engine's migrations for one province's schema, in order. */
export function libraryMigrations(schema: string): { name: string; class: new (...args: any[]) => Migration }[] {
  class Migration20261123100000_library extends Migration {
    async up(): Promise<void> {
      for (const statement of librarySql(schema)) this.addSql(statement);
    }
  }
  // objections, major changes and offerings are changed after they are made (decided, verified, withdrawn) and
  // had no version: two callers acting at once both succeeded, each with its own audit entry
  class Migration20261202000000_library_record_versions extends Migration {
    async up(): Promise<void> {
      for (const table of ['objections', 'major_changes', 'service_offerings']) this.addSql(`alter table "${schema}".${table} add column version integer not null default 1`);
    }
  }
  class Migration20261210000000_library_filter_indexes extends Migration {
    async up(): Promise<void> {
      for (const statement of libraryFilterIndexesSql(schema)) this.addSql(statement);
    }
  }
  return [
    { name: 'Migration20261123100000_library', class: Migration20261123100000_library },
    { name: 'Migration20261202000000_library_record_versions', class: Migration20261202000000_library_record_versions },
    { name: 'Migration20261210000000_library_filter_indexes', class: Migration20261210000000_library_filter_indexes },
  ];
}
