import { Migration } from '@mikro-orm/migrations';

/**
 * The provincial platform review's tables in the `shanxi` schema (SPEC §3 last paragraph): reviews of Taiyuan's
 * recommendations, the expert panels' opinions, and the designations. The status history goes to the
 * kernel's `status_changes` table the library's migration already made here. Checks repeat the services'
 * rules so that no path can store what the rules refuse; each list filter has its index.
 */
export function provincialPlatformSql(schema: string): string[] {
  const s = `"${schema}"`;
  const statuses = `'RECEIVED','EXPERT_REVIEWED','IN_PUBLIC_NOTICE','DESIGNATED','REJECTED'`;
  return [
    `create table ${s}.provincial_platform_reviews (
      id uuid primary key,
      recommendation_id uuid not null,
      institution_id uuid not null,
      campaign_year integer not null check (campaign_year between 2000 and 2100),
      recommended_on date not null,
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      city_code text not null check (city_code ~ '^[0-9]{6}$'),
      city_designation_id uuid not null,
      city_designated_on date not null,
      city_designation_valid_until date not null check (city_designation_valid_until >= city_designated_on),
      county_opinion text not null,
      city_opinion text,
      status text not null check (status in (${statuses})),
      received_on date not null,
      expert_reviewed_on date check (expert_reviewed_on >= received_on),
      notice_starts_on date check (notice_starts_on >= expert_reviewed_on),
      notice_ends_on date check (notice_ends_on > notice_starts_on),
      decided_on date check (decided_on >= received_on),
      rejection_ground text check (rejection_ground in ('CITY_DESIGNATION_NOT_VALID','PROVINCIAL_DESIGNATION_STILL_VALID','ALREADY_UNDER_REVIEW','PROVINCIAL_DECISION')),
      rejection_reason text,
      created_at timestamptz not null, updated_at timestamptz not null, version integer not null default 1,
      -- the intake is idempotent on the recommendation: one review per recommendation
      constraint provincial_platform_reviews_recommendation_key unique (recommendation_id),
      check ((status = 'REJECTED') = (rejection_ground is not null and rejection_reason is not null)),
      check ((status in ('DESIGNATED','REJECTED')) = (decided_on is not null)),
      check ((notice_starts_on is null) = (notice_ends_on is null)),
      check (status in ('RECEIVED','REJECTED') or expert_reviewed_on is not null),
      check (status not in ('IN_PUBLIC_NOTICE','DESIGNATED') or notice_ends_on is not null),
      -- 并工信字〔2023〕26号 二: designated only after the notice's last day
      check (status <> 'DESIGNATED' or decided_on > notice_ends_on))`,
    // one review under way per institution (the intake rejects a second recommendation while one is open)
    `create unique index provincial_platform_reviews_one_open_idx on ${s}.provincial_platform_reviews (institution_id)
      where status in ('RECEIVED','EXPERT_REVIEWED','IN_PUBLIC_NOTICE')`,
    `create index provincial_platform_reviews_institution_idx on ${s}.provincial_platform_reviews (institution_id, received_on)`,
    // the intake list: keyset over (received_on, id), by status, by city, by both
    `create index provincial_platform_reviews_received_idx on ${s}.provincial_platform_reviews (received_on, id)`,
    `create index provincial_platform_reviews_status_idx on ${s}.provincial_platform_reviews (status, received_on, id)`,
    `create index provincial_platform_reviews_city_idx on ${s}.provincial_platform_reviews (city_code, received_on, id)`,
    `create index provincial_platform_reviews_city_status_idx on ${s}.provincial_platform_reviews (city_code, status, received_on, id)`,
    // the public notices, the notice ending soonest first
    `create index provincial_platform_reviews_notice_idx on ${s}.provincial_platform_reviews (notice_ends_on, id) where status = 'IN_PUBLIC_NOTICE'`,

    `create table ${s}.provincial_expert_reviews (
      id uuid primary key,
      review_id uuid not null unique references ${s}.provincial_platform_reviews (id),
      reviewed_on date not null,
      panel jsonb not null check (jsonb_typeof(panel) = 'array' and jsonb_array_length(panel) between 1 and 30),
      opinion text not null check (length(opinion) > 0),
      recommended boolean not null,
      recorded_by text not null,
      recorded_at timestamptz not null)`,

    `create table ${s}.provincial_platform_designations (
      id uuid primary key,
      review_id uuid not null unique references ${s}.provincial_platform_reviews (id),
      institution_id uuid not null,
      recommendation_id uuid not null,
      campaign_year integer not null,
      designated_on date not null,
      -- 二.3 有效期三年 counting the day of designation; the period itself is the rule set's (data, not this check)
      valid_until date not null check (valid_until > designated_on),
      revoked_on date check (revoked_on >= designated_on),
      revocation_reason text,
      created_at timestamptz not null,
      check ((revoked_on is null) = (revocation_reason is null)))`,
    // Institution.shanxiPlatform (latest first) and the 二.3 re-application check
    `create index provincial_platform_designations_institution_idx on ${s}.provincial_platform_designations (institution_id, designated_on desc)`,
    // the public list: keyset over (designated_on, id); its status filter reads valid_until
    `create index provincial_platform_designations_designated_idx on ${s}.provincial_platform_designations (designated_on, id)`,
    `create index provincial_platform_designations_valid_until_idx on ${s}.provincial_platform_designations (valid_until)`,
  ];
}

/** Runs after the library's migration (Migration20261123100000_library), which made the schema and status_changes. */
export class Migration20261123200000_provincial_platforms extends Migration {
  async up(): Promise<void> {
    for (const statement of provincialPlatformSql('shanxi')) this.addSql(statement);
  }
}

export const provincialPlatformMigration = { name: 'Migration20261123200000_provincial_platforms', class: Migration20261123200000_provincial_platforms };
