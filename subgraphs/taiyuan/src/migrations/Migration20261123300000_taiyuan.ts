import { Migration } from '@mikro-orm/migrations';
import { kernelTablesSql, registryMirrorTablesSql, statusChangesTableSql } from '@sme/kernel';

/** The taiyuan subgraph's tables (schema `taiyuan`), and the 2023 campaign of 并工信字〔2023〕26号. */
export class Migration20261123300000_taiyuan extends Migration {
  async up(): Promise<void> {
    const s = '"taiyuan"';
    this.addSql(`create table ${s}.campaigns (
      year integer primary key, document text not null, opens_on date not null, deadline date not null check (deadline >= opens_on),
      city_reapply_designated_through date not null, provincial_reapply_designated_before date not null, created_at timestamptz not null)`);
    // 一.2、一.5、二.3: the 2023 call, its deadline and its re-application dates
    this.addSql(`insert into ${s}.campaigns values (2023, '并工信字〔2023〕26号 关于组织开展2023年度市级中小企业公共服务示范平台认定及省级中小企业公共服务示范平台推荐工作的通知',
      '2023-03-15', '2023-03-23', '2020-12-31', '2020-05-01', now())`);
    this.addSql(`create table ${s}.applications (
      id uuid primary key, campaign_year integer not null references ${s}.campaigns (year), institution_id uuid not null,
      region_code text not null, status text not null, report jsonb not null, submitted_on date,
      returned_step text, return_reason text, rejection_reason text, closed_on date,
      created_at timestamptz not null, updated_at timestamptz not null, version integer not null default 1)`);
    this.addSql(`create index applications_institution_idx on ${s}.applications (institution_id, created_at)`);
    this.addSql(`create index applications_campaign_status_idx on ${s}.applications (campaign_year, status, region_code)`);
    // one application per institution and campaign
    this.addSql(`create unique index applications_one_per_campaign_idx on ${s}.applications (institution_id, campaign_year)`);
    this.addSql(`create table ${s}.county_recommendations (
      id uuid primary key, application_id uuid not null unique references ${s}.applications (id), methods text[] not null check (cardinality(methods) > 0),
      survey jsonb not null check (jsonb_array_length(survey) >= 10), impact_statement text not null, opinion text not null,
      recommended_on date not null, recommended_by text not null, recorded_at timestamptz not null)`);
    this.addSql(`create table ${s}.expert_reviews (
      id uuid primary key, application_id uuid not null unique references ${s}.applications (id), panel jsonb not null check (jsonb_array_length(panel) >= 1),
      opinion text not null, recommends_designation boolean not null, reviewed_on date not null, recorded_by text not null, recorded_at timestamptz not null)`);
    this.addSql(`create table ${s}.city_designations (
      id uuid primary key, institution_id uuid not null, application_id uuid unique references ${s}.applications (id), campaign_year integer not null,
      designated_on date not null, valid_until date not null check (valid_until > designated_on), revoked_on date, revocation_reason text,
      created_at timestamptz not null)`);
    this.addSql(`create index city_designations_institution_idx on ${s}.city_designations (institution_id, designated_on)`);
    this.addSql(`create table ${s}.provincial_recommendations (
      id uuid primary key, institution_id uuid not null, designation_id uuid not null references ${s}.city_designations (id),
      campaign_year integer not null references ${s}.campaigns (year), region_code text not null, recommended_on date not null,
      county_opinion text not null, city_opinion text, created_at timestamptz not null, unique (institution_id, campaign_year))`);
    this.addSql(`create index provincial_recommendations_campaign_idx on ${s}.provincial_recommendations (campaign_year, recommended_on)`);
    for (const sql of [...registryMirrorTablesSql('taiyuan'), ...statusChangesTableSql('taiyuan'), ...kernelTablesSql('taiyuan')]) this.addSql(sql);
  }
}
