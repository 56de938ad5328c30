import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PlatformDesignationStatus, Role, openDatabase, type AuthUser, type SubgraphDefinition } from '@sme/kernel';
import { LibraryApplicationStatus, LibraryCategory, MemberStatus, ServiceNature, type LibraryConfig } from '@sme/resource-library';
import type { PlatformProgrammeConfig } from '@sme/demonstration-platform';
import { registry } from '../subgraphs/registry/src/server';
import { createLoaders as registryLoaders } from '../subgraphs/registry/src/loaders';
import { listInstitutions } from '../subgraphs/registry/src/institutions/institution-list';
import { CreditStatus } from '../subgraphs/registry/src/institutions/institution.inputs';
import { LegalForm } from '../subgraphs/registry/src/institutions/legal-form';
import { shanxi } from '../subgraphs/shanxi/src/server';
import { shanxiLibrary } from '../subgraphs/shanxi/src/library-config';
import { hebei } from '../subgraphs/hebei/src/server';
import { hebeiLibrary } from '../subgraphs/hebei/src/library-config';
import { createLibraryLoaders } from '../packages/resource-library/src/loaders';
import { listApplications as listLibraryApplications, publicNotices as libraryNotices } from '../packages/resource-library/src/applications/application-list';
import { recommendationSummary } from '../packages/resource-library/src/applications/recommendation-summary';
import { listMembers } from '../packages/resource-library/src/members/member-list';
import { libraryStatistics } from '../packages/resource-library/src/members/member-statistics';
import { listOfferings } from '../packages/resource-library/src/offerings/offering-list';
import { listAppointments } from '../packages/resource-library/src/appointments/appointment-list';
import { admitAfterNotice } from '../packages/resource-library/src/members/admission';
import { evaluateQuarterlyReports } from '../packages/resource-library/src/quarterly-reports/report-evaluation';
import { createPlatformLoaders as provincialLoaders } from '../subgraphs/shanxi/src/provincial-platforms/provincial-platform-loaders';
import { listProvincialPlatforms, listProvincialReviews, provincialNotices } from '../subgraphs/shanxi/src/provincial-platforms/provincial-platform-list';
import { ProvincialReviewStatus } from '../subgraphs/shanxi/src/provincial-platforms/provincial-review-status';
import { shandong } from '../subgraphs/shandong/src/server';
import { shandongProgramme } from '../subgraphs/shandong/src/programme';
import { ningxia } from '../subgraphs/ningxia/src/server';
import { ningxiaProgramme } from '../subgraphs/ningxia/src/programme';
import { createPlatformLoaders } from '../packages/demonstration-platform/src/loaders';
import { listApplications as listPlatformApplications, publicNotices as platformNotices } from '../packages/demonstration-platform/src/applications/application-list';
import { PlatformApplicationStatus } from '../packages/demonstration-platform/src/applications/application-status';
import { listDesignations } from '../packages/demonstration-platform/src/designations/designation-list';
import { platformStatistics } from '../packages/demonstration-platform/src/platform-statistics';
import { cityReportDuties, summaryDuties } from '../packages/demonstration-platform/src/summaries/summaries.service';
import { PlatformFunction } from '../packages/demonstration-platform/src/graphql-enums';
import { taiyuan } from '../subgraphs/taiyuan/src/server';
import { createLoaders as taiyuanLoaders } from '../subgraphs/taiyuan/src/loaders';
import { listApplications as listTaiyuanApplications } from '../subgraphs/taiyuan/src/applications/application-list';
import { TaiyuanApplicationStatus } from '../subgraphs/taiyuan/src/applications/application-status';
import { summaryTable } from '../subgraphs/taiyuan/src/provincial-recommendations/summary-table';
import { ProvincialRecommendationResolver } from '../subgraphs/taiyuan/src/provincial-recommendations/provincial-recommendation.resolver';
import { demoDatabaseInProcess } from './support/demo-data-in-process';
import { copyDemoData } from './support/demo-data-copies';

/**
 * Issue 7: an index for every filter and sort. Each filter, sort, cursor and loader the API offers (and the daily
 * schedule's selections) runs here through the product's own functions (the list functions, the loaders, the
 * statistics), on the demo data copied 30 times and analysed; the SQL they send is captured off MikroORM's
 * connection and PostgreSQL plans it with `enable_seqscan = off`. Each check names a table and what an index must
 * do there:
 * - `served`: the filter's columns are an index's condition (or a partial index's predicate), never a row-by-row
 *   `Filter` of the scan. A full scan of another index with the condition as a filter passes "no Seq Scan"; it
 *   fails this, so dropping the filter's index fails the test;
 * - `ordered`: the list's keyset order comes out of an index (no Sort), so page N costs what page 1 costs.
 * Every scan of the table must be an index scan. Counts are where filters are checked (the planner picks the index
 * that narrows the rows); pages are where orders are. On tables this small the planner may prefer another index and
 * a row-by-row filter; `serve` below then asks whether any index can serve the check.
 */

type Which = 'count' | 'page' | 'each';
interface Check {
  /** `schema.table`; `~` stands for the subgraph's schema. */
  table: string;
  which?: Which;
  /** Only the statements matching this (a function sending several). */
  matching?: RegExp;
  served?: string[];
  ordered?: boolean;
}
interface FilterCase {
  /** The API's filter, sort, cursor or loader. */
  name: string;
  run: (em: EntityManager) => Promise<unknown>;
  checks: Check[];
}

const TODAY = '2026-06-15';
const admin: AuthUser = { id: 'filter-indexes', name: null, role: Role.ADMIN, region: null, institutionId: null, panel: null };
const reviewer = (role: Role, region: string): AuthUser => ({ ...admin, role, region });
const applicant = (institutionId: string): AuthUser => ({ ...admin, role: Role.APPLICANT, institutionId });
const expert = (panel: string): AuthUser => ({ ...admin, role: Role.EXPERT, panel });

let databaseUrl: string;
let db: Client;
const orms = new Map<string, MikroORM>();
let captured: { sql: string; bindings: unknown[] }[] = [];
/** Values the filters are given, read from the data: an id, a cursor … */
const sample: Record<string, string> = {};

const one = async (sql: string): Promise<string> => String(Object.values((await db.query(sql)).rows[0])[0]);
const cursorOf = (connection: { pageInfo: { endCursor: string | null } }) => connection.pageInfo.endCursor!;

function registryCases(): FilterCase[] {
  const t = 'registry.institutions';
  const list = (filter: object | null, after?: () => Promise<string>): FilterCase['run'] => async (em) => listInstitutions(em, filter as never, 20, after ? await after() : null);
  return [
    { name: 'institutions: by name (keyset order)', run: list(null), checks: [{ table: t, which: 'page', ordered: true }] },
    {
      name: 'institutions: the next page (cursor)',
      run: list(null, async () => cursorOf(await listInstitutions(orms.get('registry')!.em.fork(), null, 20))),
      checks: [{ table: t, which: 'page', ordered: true, served: ['name', 'id'] }],
    },
    { name: 'institutions(filter: { regionCode })', run: list({ regionCode: '140000' }), checks: [{ table: t, which: 'count', served: ['region_code'] }] },
    { name: 'institutions(filter: { legalForm })', run: list({ legalForm: LegalForm.PUBLIC_INSTITUTION }), checks: [{ table: t, which: 'count', served: ['legal_form'] }] },
    { name: 'institutions(filter: { nameContains })', run: list({ nameContains: '服务中心' }), checks: [{ table: t, which: 'count', served: ['name'] }] },
    { name: 'institutions(filter: { ids })', run: async (em) => listInstitutions(em, { ids: [sample.institution] } as never, 20), checks: [{ table: t, which: 'count', served: ['id'] }] },
    {
      name: 'institutions(filter: { creditStatus })',
      run: list({ creditStatus: CreditStatus.HAS_RECORD }),
      checks: [{ table: 'registry.credit_records', which: 'count', served: ['institution_id'] }],
    },
    { name: 'institution(id) and Institution by id (_entities)', run: (em) => registryLoaders(em).institutionById.load(sample.institution), checks: [{ table: t, served: ['id'] }] },
    { name: 'institution(creditCode) and Institution by creditCode (_entities)', run: (em) => registryLoaders(em).institutionByCreditCode.load(sample.creditCode), checks: [{ table: t, served: ['credit_code'] }] },
    { name: 'Institution.creditRecords, creditStatus', run: (em) => registryLoaders(em).creditRecordsByInstitution.load(sample.institution), checks: [{ table: 'registry.credit_records', served: ['institution_id'] }] },
    { name: 'Institution.annualFacts', run: (em) => registryLoaders(em).annualFactsByInstitution.load(sample.institution), checks: [{ table: 'registry.annual_facts', served: ['institution_id'] }] },
    {
      name: 'Institution.auditTrail',
      run: (em) => registryLoaders(em).auditTrail.load({ recordType: 'Institution', recordId: sample.institution }),
      checks: [{ table: 'registry.audit_entries', served: ['record_type', 'record_id'] }],
    },
  ];
}

function libraryCases(config: LibraryConfig): FilterCase[] {
  const s = config.name;
  const applications = `${s}.applications`;
  const members = `${s}.members`;
  const list = (user: AuthUser, filter: object | null): FilterCase['run'] => (em) => listLibraryApplications(em, user, filter as never, 20);
  const loaders = (em: EntityManager) => createLibraryLoaders(em);
  const cases: FilterCase[] = [
    { name: `${s}LibraryApplications: by creation (keyset order)`, run: list(admin, null), checks: [{ table: applications, which: 'page', ordered: true }] },
    {
      name: `${s}LibraryApplications: the next page (cursor)`,
      run: async (em) => listLibraryApplications(em, admin, null, 20, cursorOf(await listLibraryApplications(orms.get(s)!.em.fork(), admin, null, 20))),
      checks: [{ table: applications, which: 'page', ordered: true, served: ['created_at', 'id'] }],
    },
    { name: `${s}LibraryApplications(filter: { status })`, run: list(admin, { status: LibraryApplicationStatus.ADMITTED }), checks: [{ table: applications, which: 'count', served: ['status'] }] },
    { name: `${s}LibraryApplications(filter: { regionCode })`, run: list(admin, { regionCode: config.provinceCode }), checks: [{ table: applications, which: 'count', served: ['region_code'] }] },
    { name: `${s}LibraryApplications(filter: { institutionId })`, run: (em) => list(admin, { institutionId: sample[`${s}.institution`] })(em), checks: [{ table: applications, which: 'count', served: ['institution_id'] }] },
    { name: `${s}LibraryApplications as a county reviewer (region scope)`, run: (em) => list(reviewer(Role.COUNTY_REVIEWER, sample[`${s}.county`]), null)(em), checks: [{ table: applications, which: 'count', served: ['region_code'] }] },
    { name: `${s}LibraryApplications as an applicant (own institution)`, run: (em) => list(applicant(sample[`${s}.institution`]), null)(em), checks: [{ table: applications, which: 'count', served: ['institution_id'] }] },
    { name: `${s}LibraryPublicNotices`, run: (em) => libraryNotices(em), checks: [{ table: applications, served: ['status'], ordered: true }] },
    {
      name: `${s}LibraryRecommendationSummary(unitCode, year)`,
      run: (em) => recommendationSummary(em, config, admin, sample[`${s}.unit`], 2026),
      checks: [{ table: applications, served: ['unit_code', 'city_recommended_on'] }],
    },
    { name: `${s}LibraryMembers: members in the library (keyset order)`, run: (em) => listMembers(em, null, 20), checks: [{ table: members, which: 'page', ordered: true, served: ['status'] }, { table: members, which: 'count', served: ['status'] }] },
    {
      name: `${s}LibraryMembers: the next page (cursor)`,
      run: async (em) => listMembers(em, null, 20, cursorOf(await listMembers(orms.get(s)!.em.fork(), null, 20))),
      checks: [{ table: members, which: 'page', ordered: true, served: ['status', 'admitted_on', 'id'] }],
    },
    { name: `${s}LibraryMembers(filter: { status })`, run: (em) => listMembers(em, { status: MemberStatus.REMOVED }, 20), checks: [{ table: members, which: 'count', served: ['status'] }] },
    { name: `${s}LibraryMembers(filter: { category })`, run: (em) => listMembers(em, { category: config.categories[0] }, 20), checks: [{ table: members, which: 'count', served: ['categories'] }] },
    { name: `${s}LibraryMembers(filter: { nature })`, run: (em) => listMembers(em, { nature: ServiceNature.PUBLIC_WELFARE }, 20), checks: [{ table: members, which: 'count', served: ['nature', 'status'] }] },
    { name: `${s}LibraryMembers(filter: { cityCode })`, run: (em) => listMembers(em, { cityCode: sample[`${s}.unit`] }, 20), checks: [{ table: members, which: 'count', served: ['unit_code'] }] },
    {
      name: `${s}LibraryStatistics (counts of members in the library)`,
      run: (em) => libraryStatistics(em, config),
      // whole-table counts, and those of members in the library through the partial indexes
      checks: [{ table: members, served: [] }, { table: members, matching: /status <> 'REMOVED'/, served: ['status'] }, { table: applications, served: [] }],
    },
    {
      name: `${s}LibraryOfferings: published, newest first (keyset order)`,
      run: (em) => listOfferings(em, config, null, 20),
      checks: [{ table: `${s}.service_offerings`, which: 'page', ordered: true, served: ['withdrawn_on'] }, { table: members, which: 'page', served: ['id'] }],
    },
    {
      name: `${s}LibraryOfferings(category)`,
      run: (em) => listOfferings(em, config, config.categories[0] as LibraryCategory, 20),
      checks: [{ table: `${s}.service_offerings`, which: 'count', served: ['category', 'withdrawn_on'] }],
    },
    { name: `the ${s} schedule: applications whose notice has ended`, run: (em) => admitAfterNotice(em, config, '2000-01-01'), checks: [{ table: applications, served: ['status', 'notice_ends_on'] }] },
    { name: `the ${s} schedule: members whose reports are due`, run: (em) => evaluateQuarterlyReports(em, config, '2000-01-02'), checks: [{ table: members, served: ['status', 'first_report_due_on'] }] },
    // the loaders of the library's fields (and of the `_entities` an institution or a member is asked by)
    { name: `${s} LibraryApplication by id`, run: (em) => loaders(em).application.load(sample[`${s}.application`]), checks: [{ table: applications, served: ['id'] }] },
    { name: `${s} Institution.${s}LibraryApplications`, run: (em) => loaders(em).applicationsByInstitution.load(sample[`${s}.institution`]), checks: [{ table: applications, served: ['institution_id'] }] },
    { name: `${s} Institution.${s}Library`, run: (em) => loaders(em).membersByInstitution.load(sample[`${s}.institution`]), checks: [{ table: members, served: ['institution_id'] }] },
    { name: `${s} LibraryApplication.materials`, run: (em) => loaders(em).materials.load(sample[`${s}.application`]), checks: [{ table: `${s}.application_materials`, served: ['application_id'] }] },
    { name: `${s} LibraryApplication.spotChecks`, run: (em) => loaders(em).spotChecks.load(sample[`${s}.application`]), checks: [{ table: `${s}.spot_checks`, served: ['application_id'] }] },
    { name: `${s} LibraryApplication.objections`, run: (em) => loaders(em).objections.load(sample[`${s}.application`]), checks: [{ table: `${s}.objections`, served: ['application_id'] }] },
    { name: `${s} LibraryApplication.statusHistory`, run: (em) => loaders(em).statusHistory.load(sample[`${s}.application`]), checks: [{ table: `${s}.status_changes`, served: ['record_type', 'record_id'] }] },
    {
      name: `${s} LibraryApplication.auditTrail`,
      run: (em) => loaders(em).auditTrail.load({ recordType: 'LibraryApplication', recordId: sample[`${s}.application`] }),
      checks: [{ table: `${s}.audit_entries`, served: ['record_type', 'record_id'] }],
    },
    { name: `${s} LibraryApplication.eligibility: the registry's credit records`, run: (em) => loaders(em).creditRecords.load(sample[`${s}.institution`]), checks: [{ table: `${s}.known_credit_records`, served: ['institution_id'] }] },
    { name: `${s} LibraryApplication.eligibility: the registry's annual facts`, run: (em) => loaders(em).annualFacts.load(`${sample[`${s}.institution`]}:2025`), checks: [{ table: `${s}.known_annual_facts`, served: ['institution_id', 'year'] }] },
    { name: `${s} LibraryMembership.quarterlyReports`, run: (em) => loaders(em).reports.load(sample[`${s}.member`]), checks: [{ table: `${s}.quarterly_reports`, served: ['member_id'] }] },
    { name: `${s} LibraryMembership.notices`, run: (em) => loaders(em).notices.load(sample[`${s}.member`]), checks: [{ table: `${s}.member_notices`, served: ['member_id'] }] },
    { name: `${s} LibraryMembership.majorChanges`, run: (em) => loaders(em).majorChanges.load(sample[`${s}.member`]), checks: [{ table: `${s}.major_changes`, served: ['member_id'] }] },
    { name: `${s} LibraryMembership.evaluations`, run: (em) => loaders(em).evaluations.load(sample[`${s}.member`]), checks: [{ table: `${s}.annual_evaluations`, served: ['member_id'] }] },
    { name: `${s} LibraryMembership.offerings`, run: (em) => loaders(em).offerings.load(sample[`${s}.member`]), checks: [{ table: `${s}.service_offerings`, served: ['member_id'] }] },
    { name: `${s} LibraryMembership.appointmentSummary`, run: (em) => loaders(em).appointments.load(sample[`${s}.member`]), checks: [{ table: `${s}.appointments`, served: ['member_id'] }] },
  ];
  if (config.rules.appointmentWorkingDays == null) return cases;
  const appointments = `${s}.appointments`;
  const book = (user: AuthUser, filter: object | null): FilterCase['run'] => (em) => listAppointments(em, user, filter as never, 20, null, TODAY);
  return [
    ...cases,
    { name: `${s}ServiceAppointments: by date requested (keyset order)`, run: book(admin, null), checks: [{ table: appointments, which: 'page', ordered: true }] },
    {
      name: `${s}ServiceAppointments: the next page (cursor)`,
      run: async (em) => listAppointments(em, admin, null, 20, cursorOf(await listAppointments(orms.get(s)!.em.fork(), admin, null, 20, null, TODAY)), TODAY),
      checks: [{ table: appointments, which: 'page', ordered: true, served: ['requested_on', 'id'] }],
    },
    { name: `${s}ServiceAppointments(filter: { memberId })`, run: (em) => book(admin, { memberId: sample[`${s}.member`] })(em), checks: [{ table: appointments, which: 'count', served: ['member_id'] }] },
    { name: `${s}ServiceAppointments(filter: { open: true })`, run: book(admin, { open: true }), checks: [{ table: appointments, which: 'count', served: ['handled_on'] }] },
    { name: `${s}ServiceAppointments(filter: { open: false })`, run: book(admin, { open: false }), checks: [{ table: appointments, which: 'count', served: ['handled_on'] }] },
    { name: `${s}ServiceAppointments(filter: { overdue: true })`, run: book(admin, { overdue: true }), checks: [{ table: appointments, which: 'count', served: ['handled_on', 'due_by'] }] },
    { name: `${s}ServiceAppointments(filter: { overdue: false })`, run: book(admin, { overdue: false }), checks: [{ table: appointments, which: 'count', served: ['handled_on', 'due_by'] }] },
    {
      name: `${s}ServiceAppointments as a county reviewer (members of the region)`,
      run: (em) => book(reviewer(Role.COUNTY_REVIEWER, sample[`${s}.county`]), null)(em),
      checks: [{ table: members, which: 'count', served: ['region_code'] }, { table: appointments, which: 'count', served: ['member_id'] }],
    },
    {
      name: `${s}ServiceAppointments as an applicant (its memberships)`,
      run: (em) => book(applicant(sample[`${s}.institution`]), null)(em),
      checks: [{ table: members, which: 'count', served: ['institution_id'] }, { table: appointments, which: 'count', served: ['member_id'] }],
    },
  ];
}

function provincialCases(): FilterCase[] {
  const reviews = 'shanxi.provincial_platform_reviews';
  const designations = 'shanxi.provincial_platform_designations';
  const loaders = (em: EntityManager) => provincialLoaders(em);
  return [
    { name: 'shanxiProvincialPlatformReviews: by date received (keyset order)', run: (em) => listProvincialReviews(em, admin, null, 20), checks: [{ table: reviews, which: 'page', ordered: true }] },
    {
      name: 'shanxiProvincialPlatformReviews: the next page (cursor)',
      run: async (em) => listProvincialReviews(em, admin, null, 20, cursorOf(await listProvincialReviews(orms.get('shanxi')!.em.fork(), admin, null, 20))),
      checks: [{ table: reviews, which: 'page', ordered: true, served: ['received_on', 'id'] }],
    },
    { name: 'shanxiProvincialPlatformReviews(filter: { status })', run: (em) => listProvincialReviews(em, admin, { status: ProvincialReviewStatus.IN_PUBLIC_NOTICE }, 20), checks: [{ table: reviews, which: 'count', served: ['status'] }] },
    { name: 'shanxiProvincialPlatformReviews as a city reviewer (its city)', run: (em) => listProvincialReviews(em, reviewer(Role.CITY_REVIEWER, '140100'), null, 20), checks: [{ table: reviews, which: 'count', served: ['city_code'] }] },
    { name: 'shanxiProvincialPlatformNotices', run: (em) => provincialNotices(em), checks: [{ table: reviews, served: ['status'], ordered: true }] },
    { name: 'shanxiProvincialPlatforms: by designation (keyset order)', run: (em) => listProvincialPlatforms(em, null, TODAY, 20), checks: [{ table: designations, which: 'page', ordered: true }] },
    {
      name: 'shanxiProvincialPlatforms: the next page (cursor)',
      run: async (em) => listProvincialPlatforms(em, null, TODAY, 20, cursorOf(await listProvincialPlatforms(orms.get('shanxi')!.em.fork(), null, TODAY, 20))),
      checks: [{ table: designations, which: 'page', ordered: true, served: ['designated_on', 'id'] }],
    },
    ...[PlatformDesignationStatus.DESIGNATED, PlatformDesignationStatus.EXPIRED].map((status) => ({
      name: `shanxiProvincialPlatforms(filter: { status: ${status} })`,
      run: (em: EntityManager) => listProvincialPlatforms(em, { status }, TODAY, 20),
      checks: [{ table: designations, which: 'count' as Which, served: ['valid_until'] }],
    })),
    { name: 'shanxiProvincialPlatforms(filter: { status: REVOKED })', run: (em) => listProvincialPlatforms(em, { status: PlatformDesignationStatus.REVOKED }, TODAY, 20), checks: [{ table: designations, which: 'count', served: ['revoked_on'] }] },
    { name: 'ShanxiProvincialReview by id', run: (em) => loaders(em).provincialReview.load(sample.review), checks: [{ table: reviews, served: ['id'] }] },
    { name: 'TaiyuanProvincialRecommendation.provincialReview (_entities)', run: (em) => loaders(em).provincialReviewByRecommendation.load(sample.recommendation), checks: [{ table: reviews, served: ['recommendation_id'] }] },
    { name: 'ShanxiProvincialReview.expertReview', run: (em) => loaders(em).provincialExpertReview.load(sample.review), checks: [{ table: 'shanxi.provincial_expert_reviews', served: ['review_id'] }] },
    { name: 'ShanxiProvincialReview.designation', run: (em) => loaders(em).provincialDesignationByReview.load(sample.review), checks: [{ table: designations, served: ['review_id'] }] },
    { name: 'Institution.shanxiPlatform', run: (em) => loaders(em).provincialDesignationsByInstitution.load(sample.provincialInstitution), checks: [{ table: designations, served: ['institution_id'] }] },
  ];
}

function platformCases(config: PlatformProgrammeConfig): FilterCase[] {
  const s = config.name;
  const applications = `${s}.applications`;
  const designations = `${s}.designations`;
  const list = (user: AuthUser, filter: object | null): FilterCase['run'] => (em) => listPlatformApplications(em, config, user, filter as never, 20);
  const database = (filter: object | null): FilterCase['run'] => (em) => listDesignations(em, filter as never, TODAY, 20);
  const loaders = (em: EntityManager) => createPlatformLoaders(em);
  return [
    { name: `${s}PlatformApplications: by creation (keyset order)`, run: list(admin, null), checks: [{ table: applications, which: 'page', ordered: true }] },
    {
      name: `${s}PlatformApplications: the next page (cursor)`,
      run: async (em) => listPlatformApplications(em, config, admin, null, 20, cursorOf(await listPlatformApplications(orms.get(s)!.em.fork(), config, admin, null, 20))),
      checks: [{ table: applications, which: 'page', ordered: true, served: ['created_at', 'id'] }],
    },
    { name: `${s}PlatformApplications(filter: { status })`, run: list(admin, { status: PlatformApplicationStatus.DESIGNATED }), checks: [{ table: applications, which: 'count', served: ['status'] }] },
    { name: `${s}PlatformApplications(filter: { cityCode })`, run: (em) => list(admin, { cityCode: sample[`${s}.city`] })(em), checks: [{ table: applications, which: 'count', served: ['city_code'] }] },
    { name: `${s}PlatformApplications(filter: { campaignYear })`, run: list(admin, { campaignYear: 2023 }), checks: [{ table: applications, which: 'count', served: ['campaign_year'] }] },
    { name: `${s}PlatformApplications(filter: { function })`, run: list(admin, { function: PlatformFunction.FINANCING }), checks: [{ table: applications, which: 'count', served: ['functions'] }] },
    { name: `${s}PlatformApplications(filter: { institutionId })`, run: (em) => list(admin, { institutionId: sample[`${s}.institution`] })(em), checks: [{ table: applications, which: 'count', served: ['institution_id'] }] },
    { name: `${s}PlatformApplications as a city reviewer (region scope)`, run: (em) => list(reviewer(Role.CITY_REVIEWER, sample[`${s}.city`]), null)(em), checks: [{ table: applications, which: 'count', served: ['region_code'] }] },
    { name: `${s}PlatformApplications as its expert panel (a campaign)`, run: list(expert(`${s}-2023`), null), checks: [{ table: applications, which: 'count', served: ['campaign_year'] }] },
    { name: `${s}PlatformPublicNotices`, run: (em) => platformNotices(em), checks: [{ table: applications, served: ['status'], ordered: true }] },
    { name: `${s}Platforms: by designation (keyset order)`, run: database(null), checks: [{ table: designations, which: 'page', ordered: true }] },
    {
      name: `${s}Platforms: the next page (cursor)`,
      run: async (em) => listDesignations(em, null, TODAY, 20, cursorOf(await listDesignations(orms.get(s)!.em.fork(), null, TODAY, 20))),
      checks: [{ table: designations, which: 'page', ordered: true, served: ['designated_on', 'id'] }],
    },
    ...[PlatformDesignationStatus.DESIGNATED, PlatformDesignationStatus.EXPIRED].map((status) => ({
      name: `${s}Platforms(filter: { status: ${status} })`,
      run: database({ status }),
      checks: [{ table: designations, which: 'count' as Which, served: ['valid_until'] }],
    })),
    { name: `${s}Platforms(filter: { status: REVOKED })`, run: database({ status: PlatformDesignationStatus.REVOKED }), checks: [{ table: designations, which: 'count', served: ['revoked_on'] }] },
    { name: `${s}Platforms(filter: { cityCode })`, run: (em) => database({ cityCode: sample[`${s}.city`] })(em), checks: [{ table: designations, which: 'count', served: ['city_code'] }] },
    { name: `${s}Platforms(filter: { function })`, run: database({ function: PlatformFunction.FINANCING }), checks: [{ table: designations, which: 'count', served: ['functions'] }] },
    { name: `${s}Platforms(filter: { campaignYear })`, run: database({ campaignYear: 2023 }), checks: [{ table: designations, which: 'count', served: ['campaign_year'] }] },
    { name: `${s}Platforms(filter: { validUntilBefore })`, run: database({ validUntilBefore: '2026-12-31' }), checks: [{ table: designations, which: 'count', served: ['valid_until'] }] },
    {
      name: `${s}PlatformStatistics (designations in force, pending requests, overdue summaries)`,
      run: (em) => platformStatistics(em, config, TODAY),
      checks: [{ table: designations, served: [] }, { table: applications, served: [] }, { table: `${s}.inspections`, served: ['request_status'] }, { table: `${s}.annual_summaries`, served: ['designation_id'] }],
    },
    {
      name: `${s}PlatformSummaryDuties(year)`,
      run: (em) => summaryDuties(em, 2025, TODAY),
      checks: [{ table: designations, served: ['valid_until'] }, { table: `${s}.annual_summaries`, served: ['designation_id'] }],
    },
    ...(config.management.cityReport
      ? [{ name: `${s}CityPlatformReportDuties(year)`, run: (em: EntityManager) => cityReportDuties(em, 2025, TODAY), checks: [{ table: designations, served: ['valid_until'] }, { table: `${s}.city_reports`, served: ['year'] }] }]
      : []),
    { name: `${s} PlatformApplication by id`, run: (em) => loaders(em).application.load(sample[`${s}.application`]), checks: [{ table: applications, served: ['id'] }] },
    { name: `${s} Institution.${s}PlatformApplications`, run: (em) => loaders(em).applicationsByInstitution.load(sample[`${s}.institution`]), checks: [{ table: applications, served: ['institution_id'] }] },
    { name: `${s} Institution.${s}Platform`, run: (em) => loaders(em).designationsByInstitution.load(sample[`${s}.institution`]), checks: [{ table: designations, served: ['institution_id'] }] },
    { name: `${s} DemonstrationPlatform.inspections`, run: (em) => loaders(em).inspections.load(sample[`${s}.designation`]), checks: [{ table: `${s}.inspections`, served: ['designation_id'] }] },
    { name: `${s} DemonstrationPlatform.summaries`, run: (em) => loaders(em).summaries.load(sample[`${s}.designation`]), checks: [{ table: `${s}.annual_summaries`, served: ['designation_id'] }] },
    { name: `${s} DemonstrationPlatform.assessments`, run: (em) => loaders(em).assessments.load(sample[`${s}.designation`]), checks: [{ table: `${s}.performance_assessments`, served: ['designation_id'] }] },
    { name: `${s} DemonstrationPlatform.statusHistory`, run: (em) => loaders(em).statusHistory.load(sample[`${s}.designation`]), checks: [{ table: `${s}.status_changes`, served: ['record_type', 'record_id'] }] },
    {
      name: `${s} DemonstrationPlatform.auditTrail`,
      run: (em) => loaders(em).auditTrail.load({ recordType: 'DemonstrationPlatform', recordId: sample[`${s}.designation`] }),
      checks: [{ table: `${s}.audit_entries`, served: ['record_type', 'record_id'] }],
    },
    { name: `${s} PlatformApplication.eligibility: the registry's copy`, run: (em) => loaders(em).knownInstitution.load(sample[`${s}.institution`]), checks: [{ table: `${s}.known_institutions`, served: ['id'] }] },
  ];
}

function taiyuanCases(): FilterCase[] {
  const applications = 'taiyuan.applications';
  const list = (user: AuthUser, filter: object | null): FilterCase['run'] => (em) => listTaiyuanApplications(em, user, filter as never, 20);
  const loaders = (em: EntityManager) => taiyuanLoaders(em);
  return [
    { name: 'taiyuanApplications: by creation (keyset order)', run: list(admin, null), checks: [{ table: applications, which: 'page', ordered: true }] },
    {
      name: 'taiyuanApplications: the next page (cursor)',
      run: async (em) => listTaiyuanApplications(em, admin, null, 20, cursorOf(await listTaiyuanApplications(orms.get('taiyuan')!.em.fork(), admin, null, 20))),
      checks: [{ table: applications, which: 'page', ordered: true, served: ['created_at', 'id'] }],
    },
    { name: 'taiyuanApplications(filter: { campaignYear })', run: list(admin, { campaignYear: 2023 }), checks: [{ table: applications, which: 'count', served: ['campaign_year'] }] },
    { name: 'taiyuanApplications(filter: { status })', run: list(admin, { status: TaiyuanApplicationStatus.DESIGNATED }), checks: [{ table: applications, which: 'count', served: ['status'] }] },
    { name: 'taiyuanApplications(filter: { regionCode })', run: list(admin, { regionCode: '140105' }), checks: [{ table: applications, which: 'count', served: ['region_code'] }] },
    { name: 'taiyuanApplications as a county reviewer (region scope)', run: list(reviewer(Role.COUNTY_REVIEWER, '140105'), null), checks: [{ table: applications, which: 'count', served: ['region_code'] }] },
    { name: 'taiyuanApplications as an applicant (own institution)', run: (em) => list(applicant(sample['taiyuan.institution']), null)(em), checks: [{ table: applications, which: 'count', served: ['institution_id'] }] },
    { name: 'taiyuanApplications as the campaign panel', run: list(expert('taiyuan-2023'), null), checks: [{ table: applications, which: 'count', served: ['campaign_year'] }] },
    {
      name: 'taiyuanProvincialRecommendations(year)',
      run: (em) => new ProvincialRecommendationResolver().taiyuanProvincialRecommendations({ em } as never, 2023),
      checks: [{ table: 'taiyuan.provincial_recommendations', served: ['campaign_year'] }],
    },
    {
      name: 'taiyuanSummaryTable(year)',
      run: (em) => summaryTable(em, admin, 2023),
      checks: [{ table: applications, served: ['campaign_year'] }, { table: 'taiyuan.provincial_recommendations', served: ['campaign_year'] }, { table: 'taiyuan.known_institutions', served: ['id'] }],
    },
    { name: 'TaiyuanApplication by id', run: (em) => loaders(em).application.load(sample['taiyuan.application']), checks: [{ table: applications, served: ['id'] }] },
    { name: 'TaiyuanProvincialRecommendation by id (_entities)', run: (em) => loaders(em).provincialRecommendation.load(sample.recommendation), checks: [{ table: 'taiyuan.provincial_recommendations', served: ['id'] }] },
    { name: 'Institution.taiyuan: applications', run: (em) => loaders(em).applicationsByInstitution.load(sample['taiyuan.institution']), checks: [{ table: applications, served: ['institution_id'] }] },
    { name: 'Institution.taiyuan: city designations', run: (em) => loaders(em).designationsByInstitution.load(sample['taiyuan.institution']), checks: [{ table: 'taiyuan.city_designations', served: ['institution_id'] }] },
    { name: 'Institution.taiyuan: recommendations', run: (em) => loaders(em).provincialRecommendationsByInstitution.load(sample['taiyuan.institution']), checks: [{ table: 'taiyuan.provincial_recommendations', served: ['institution_id'] }] },
    { name: 'TaiyuanApplication.provincialRecommendations', run: (em) => loaders(em).provincialRecommendationsByDesignation.load(sample['taiyuan.designation']), checks: [{ table: 'taiyuan.provincial_recommendations', served: ['designation_id'] }] },
    { name: 'TaiyuanApplication.countyRecommendation', run: (em) => loaders(em).countyRecommendation.load(sample['taiyuan.application']), checks: [{ table: 'taiyuan.county_recommendations', served: ['application_id'] }] },
    { name: 'TaiyuanApplication.expertReview', run: (em) => loaders(em).expertReview.load(sample['taiyuan.application']), checks: [{ table: 'taiyuan.expert_reviews', served: ['application_id'] }] },
    { name: 'TaiyuanApplication.designation', run: (em) => loaders(em).designation.load(sample['taiyuan.application']), checks: [{ table: 'taiyuan.city_designations', served: ['application_id'] }] },
    { name: 'TaiyuanApplication.eligibility: its campaign', run: (em) => loaders(em).campaign.load(2023), checks: [{ table: 'taiyuan.campaigns', served: ['year'] }] },
    { name: 'TaiyuanApplication.statusHistory', run: (em) => loaders(em).statusHistory.load(sample['taiyuan.application']), checks: [{ table: 'taiyuan.status_changes', served: ['record_type', 'record_id'] }] },
  ];
}

/** Every case, by the subgraph whose schema it reads. */
const CASES: [subgraph: string, cases: () => FilterCase[]][] = [
  ['registry', registryCases],
  ['shanxi', () => [...libraryCases(shanxiLibrary), ...provincialCases()]],
  ['hebei', () => libraryCases(hebeiLibrary)],
  ['shandong', () => platformCases(shandongProgramme)],
  ['ningxia', () => platformCases(ningxiaProgramme)],
  ['taiyuan', taiyuanCases],
];
const DEFINITIONS: Record<string, SubgraphDefinition<unknown>> = { registry, shanxi, hebei, shandong, ningxia, taiyuan } as never;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}
const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

/** MikroORM sends its statements with the values in place; one with bindings has `?` placeholders, PostgreSQL plans `$n` ones. */
function numbered(sql: string): string {
  if (/\$\d/.test(sql)) return sql;
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (token) => (token === '?' ? `$${++n}` : token));
}

const mentions = (text: string | undefined, column: string) => !!text && new RegExp(`\\b${column}\\b`).test(text);

const scansOf = (root: PlanNode, qualified: string) => {
  const [schema, table] = qualified.split('.');
  return flatten(root).filter((n) => n['Relation Name'] === table && n.Schema === schema);
};

/** The indexes a scan reads: its own, or those of the bitmap index scans beneath it. */
const indexesOf = (scan: PlanNode): string[] => [scan['Index Name'], ...(scan.Plans ?? []).flatMap(flatten).map((n) => n['Index Name'])].filter((n): n is string => !!n);

/** What is wrong with the plan of a statement for one check, or nothing. */
function problems(root: PlanNode, statement: string, check: Check): string[] {
  const scans = scansOf(root, check.table);
  const found: string[] = [];
  if (scans.length === 0) found.push(`${check.table} is not scanned`);
  for (const scan of scans) {
    if (scan['Node Type'] === 'Seq Scan') found.push(`Seq Scan on ${check.table}`);
    // a served column is in an index condition, or in none (a partial index's predicate), never in the scan's Filter
    for (const column of check.served ?? []) {
      if (!mentions(statement, column)) found.push(`${column} is not in the statement`);
      if (mentions(scan.Filter, column)) found.push(`${column} is filtered row by row (${scan.Filter}) on ${indexesOf(scan).join(', ') || scan['Node Type']}`);
    }
  }
  if (check.ordered) {
    const sorts = flatten(root).filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort');
    if (sorts.length) found.push(`sorted after the scan (${sorts.map((n) => n['Node Type']).join(', ')})`);
  }
  return found;
}

/**
 * Whether some index of the table serves the check. On a small table the planner's first choice may be another
 * index with the condition as a row-by-row filter, or a bitmap scan and a sort (cheap at that size): so each index
 * it chose that does not serve the check is dropped in turn, inside a transaction that is rolled back, and the
 * statement planned again, until a plan serves the check or no index is left to try. A filter with no index of its
 * own fails; so does an order no index gives (`enable_sort` is off, as `enable_seqscan` is, so that an index giving
 * the order is taken whenever there is one). Reports the problems of the first plan.
 */
async function serve(statement: { sql: string; bindings: unknown[] }, check: Check): Promise<string[]> {
  const sql = statement.bindings.length ? numbered(statement.sql) : statement.sql;
  const schema = check.table.split('.')[0];
  let first: string[] | null = null;
  let savepoints = 0;
  const served = async (depth: number): Promise<boolean> => {
    const { rows } = await db.query(`explain (format json, verbose) ${sql}`, statement.bindings as unknown[]);
    const root = rows[0]['QUERY PLAN'][0].Plan as PlanNode;
    const found = problems(root, statement.sql, check);
    first ??= found;
    if (found.length === 0) return true;
    if (depth === 0) return false;
    for (const index of new Set(scansOf(root, check.table).flatMap(indexesOf))) {
      const savepoint = `without_${++savepoints}`;
      await db.query(`savepoint ${savepoint}`);
      await dropIndex(schema, index);
      if (await served(depth - 1)) return true;
      await db.query(`rollback to savepoint ${savepoint}`);
    }
    return false;
  };
  await db.query('begin');
  try {
    await db.query('set local enable_seqscan = off');
    if (check.ordered) await db.query('set local enable_sort = off; set local enable_incremental_sort = off');
    return (await served(4)) ? [] : first!;
  } finally {
    await db.query('rollback');
  }
}

/** Drops an index for the rest of the transaction (a key's index with its constraint, and what depends on it). */
async function dropIndex(schema: string, index: string): Promise<void> {
  const qualified = `"${schema}"."${index}"`;
  const { rows } = await db.query(`select conname, conrelid::regclass::text as relation from pg_constraint where conindid = $1::regclass`, [qualified]);
  if (rows.length) await db.query(`alter table ${rows[0].relation} drop constraint "${rows[0].conname}" cascade`);
  else await db.query(`drop index ${qualified}`);
}

const touches = (sql: string, table: string) => {
  const [schema, name] = table.split('.');
  return new RegExp(`"?${schema}"?\\."?${name}"?\\b`).test(sql);
};
const isCount = (sql: string) => /\bcount\(/i.test(sql);

beforeAll(async () => {
  databaseUrl = await demoDatabaseInProcess();
  await copyDemoData(databaseUrl, 30);
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
  for (const [name, definition] of Object.entries(DEFINITIONS)) {
    const orm = await openDatabase({ schema: name, entities: definition.entities, migrations: [], url: databaseUrl, poolMax: 2 });
    orm.em.getConnection().getKnex().on('query', (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] }));
    orms.set(name, orm);
  }
  sample.institution = await one(`select id from registry.institutions i where exists (select 1 from registry.credit_records c where c.institution_id = i.id) limit 1`);
  sample.creditCode = await one(`select credit_code from registry.institutions limit 1`);
  for (const s of ['shanxi', 'hebei']) {
    sample[`${s}.institution`] = await one(`select institution_id from ${s}.members order by admitted_on, id limit 1`);
    sample[`${s}.member`] = await one(`select id from ${s}.members order by admitted_on, id limit 1`);
    sample[`${s}.application`] = await one(`select application_id from ${s}.members order by admitted_on, id limit 1`);
    sample[`${s}.county`] = await one(`select region_code from ${s}.applications limit 1`);
    sample[`${s}.unit`] = await one(`select unit_code from ${s}.members limit 1`);
  }
  for (const s of ['shandong', 'ningxia']) {
    sample[`${s}.institution`] = await one(`select institution_id from ${s}.designations order by designated_on, id limit 1`);
    sample[`${s}.designation`] = await one(`select id from ${s}.designations order by designated_on, id limit 1`);
    sample[`${s}.application`] = await one(`select application_id from ${s}.designations order by designated_on, id limit 1`);
    sample[`${s}.city`] = await one(`select city_code from ${s}.designations limit 1`);
  }
  sample.review = await one(`select id from shanxi.provincial_platform_reviews limit 1`);
  sample.recommendation = await one(`select recommendation_id from shanxi.provincial_platform_reviews limit 1`);
  sample.provincialInstitution = await one(`select institution_id from shanxi.provincial_platform_designations limit 1`);
  sample['taiyuan.institution'] = await one(`select institution_id from taiyuan.city_designations limit 1`);
  sample['taiyuan.designation'] = await one(`select id from taiyuan.city_designations limit 1`);
  sample['taiyuan.application'] = await one(`select application_id from taiyuan.city_designations limit 1`);
}, 120_000);

afterAll(async () => {
  await db?.end();
  for (const orm of orms.values()) await orm.close(true);
});

describe.each(CASES)('%s', (subgraph, cases) => {
  it.each(cases().map((c) => [c.name, c] as const))('%s is served by an index', async (_name, filterCase) => {
    captured = [];
    await filterCase.run(orms.get(subgraph)!.em.fork());
    const statements = captured;
    const found: string[] = [];
    for (const check of filterCase.checks) {
      const chosen = statements.filter(
        (s) => touches(s.sql, check.table) && (!check.matching || check.matching.test(s.sql)) && (check.which === 'count' ? isCount(s.sql) : check.which === 'page' ? !isCount(s.sql) : true),
      );
      if (chosen.length === 0) found.push(`no ${check.which ?? ''} statement reads ${check.table}`);
      for (const statement of chosen) for (const problem of await serve(statement, check)) found.push(`${problem}\n    in ${statement.sql}`);
    }
    expect(found).toEqual([]);
  });
});
