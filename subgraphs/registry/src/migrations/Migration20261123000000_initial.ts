import { Migration } from '@mikro-orm/migrations';
import { kernelTablesSql } from '@sme/kernel';

/** The registry's tables (schema `registry`), and the kernel's audit, outbox and consumer tables. */
export class Migration20261123000000_initial extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table registry.institutions (
      id uuid primary key,
      credit_code text not null unique,
      name text not null,
      legal_form text not null check (legal_form in ('ENTERPRISE','PUBLIC_INSTITUTION','PRIVATE_NON_ENTERPRISE','SOCIAL_ORGANIZATION','OTHER')),
      region_code text not null,
      established_on date not null,
      address text, legal_representative text, contact_person text, contact_phone text,
      created_at timestamptz not null, updated_at timestamptz not null,
      version integer not null default 1)`);
    this.addSql('create index institutions_name_id_idx on registry.institutions (name, id)');
    this.addSql('create index institutions_region_idx on registry.institutions (region_code, name, id)');
    this.addSql('create index institutions_legal_form_idx on registry.institutions (legal_form, name, id)');
    this.addSql(`create table registry.credit_records (
      id uuid primary key,
      institution_id uuid not null references registry.institutions (id),
      kind text not null check (kind in ('DISHONEST_JUDGMENT_DEBTOR','SERIOUS_DISHONESTY_LIST','ABNORMAL_OPERATION','MAJOR_TAX_VIOLATION','TAX_EVASION','LEGAL_REPRESENTATIVE_RECORD','DATA_FALSIFICATION')),
      listed_on date not null, removed_on date, source text not null, note text,
      created_at timestamptz not null, version integer not null default 1,
      check (removed_on is null or removed_on >= listed_on))`);
    this.addSql('create index credit_records_institution_idx on registry.credit_records (institution_id, listed_on)');
    this.addSql(`create table registry.annual_facts (
      id uuid primary key,
      institution_id uuid not null references registry.institutions (id),
      year integer not null,
      total_assets double precision not null, revenue double precision not null, service_revenue double precision not null,
      profit double precision not null, tax double precision not null,
      smes_served integer not null, point_to_point_served integer not null, satisfaction_rate double precision not null,
      floor_area_owned double precision not null, floor_area_rented double precision not null,
      staff integer not null, full_time_service_staff integer not null, qualified_staff integer not null,
      senior_experts integer not null, related_experts integer not null, partner_agencies integer not null,
      public_welfare_share double precision not null,
      recorded_at timestamptz not null, recorded_by text not null, version integer not null default 1,
      unique (institution_id, year))`);
    for (const sql of kernelTablesSql('registry')) this.addSql(sql);
  }
}
