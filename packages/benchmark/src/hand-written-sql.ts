/**
 * The floor a federated read is compared with: the same data the gateway answers, read by ONE hand-written SQL
 * statement across the six schemas of the one database (registry, shanxi, hebei, taiyuan, shandong, ningxia), with
 * no query planning, no subgraph hops and no GraphQL execution. The product never runs these (a subgraph never
 * reads another's tables, SPEC §1); only the benchmark does, and test/hand-written-sql.test.ts proves that each
 * answers exactly what the gateway answers.
 *
 * What the product derives on read is derived here as it derives it: a designation's status from its dates on
 * today's date in China (kernel designationStatus), the survey summary from the county's jsonb (taiyuan
 * survey.ts summarise), the dashboards' counts as platform-statistics.ts and member-statistics.ts count them.
 * Labels the product holds in memory (region names, category and function names) are the product's own tables,
 * inlined as jsonb literals: the database has no table of them.
 */
import { allRegions } from '@sme/kernel';
import { CATEGORY_NAMES } from '@sme/resource-library';
import { PLATFORM_FUNCTION_NAMES } from '@sme/demonstration-platform';

const jsonbLiteral = (value: unknown): string => `'${JSON.stringify(value).replace(/'/g, "''")}'::jsonb`;

const REGION_NAMES = jsonbLiteral(Object.fromEntries(allRegions().map((region) => [region.code, region.name])));
const CATEGORY_LABELS = jsonbLiteral(CATEGORY_NAMES);
const FUNCTION_LABELS = jsonbLiteral(Object.fromEntries(Object.entries(PLATFORM_FUNCTION_NAMES).map(([key, names]) => [key, names.zh])));

/** kernel chinaToday(): the documents count days in China time, whatever the server's time zone. */
const CHINA_TODAY = `(now() at time zone 'Asia/Shanghai')::date`;

/** kernel designationStatus: REVOKED from the day of revocation, EXPIRED from the day after validUntil. */
const designationStatus = (d: string, on: string) =>
  `case when ${d}.revoked_on is not null and ${d}.revoked_on <= ${on} then 'REVOKED' when ${d}.valid_until < ${on} then 'EXPIRED' else 'DESIGNATED' end`;

/** `{ status designatedOn validUntil }` of a PlatformDesignation, its status as of today. */
const designationJson = (d: string) =>
  `json_build_object('status', ${designationStatus(d, CHINA_TODAY)}, 'designatedOn', ${d}.designated_on, 'validUntil', ${d}.valid_until)`;

/**
 * taiyuan survey.ts summarise(): counts per rating, and the rate as Math.round(share × 10000) / 100 in double
 * precision (floor(x + 0.5): JavaScript rounds halves up, PostgreSQL's round(float8) to even).
 */
const satisfactionJson = (c: string) => `(select json_build_object(
      'sampled', count(*)::int,
      'verySatisfied', (count(*) filter (where e.entry ->> 'rating' = 'VERY_SATISFIED'))::int,
      'satisfied', (count(*) filter (where e.entry ->> 'rating' = 'SATISFIED'))::int,
      'dissatisfied', (count(*) filter (where e.entry ->> 'rating' = 'DISSATISFIED'))::int,
      'satisfactionRate', case when count(*) = 0 then 0::float8
        else floor((count(*) filter (where e.entry ->> 'rating' in ('VERY_SATISFIED', 'SATISFIED')))::float8 / count(*) * 10000 + 0.5) / 100 end)
    from jsonb_array_elements(${c}.survey) as e(entry))`;

/** A recommendation to the province (alias p), the city designation it rests on (alias d) and shanxi's review of it. */
const provincialRecommendationJson = `json_build_object(
      'recommendedOn', p.recommended_on,
      'cityDesignation', json_build_object('validUntil', d.valid_until),
      'provincialReview', (select json_build_object(
          'status', r.status, 'receivedOn', r.received_on, 'noticeStartsOn', r.notice_starts_on, 'noticeEndsOn', r.notice_ends_on, 'decidedOn', r.decided_on,
          'designation', (select json_build_object('designatedOn', pd.designated_on, 'validUntil', pd.valid_until)
            from shanxi.provincial_platform_designations pd where pd.review_id = r.id))
        from shanxi.provincial_platform_reviews r where r.recommendation_id = p.id))`;

/** One Taiyuan application (alias a) as TRACE_QUERY selects it. */
const taiyuanApplicationJson = `json_build_object(
    'campaignYear', a.campaign_year,
    'status', a.status,
    'submittedOn', a.submitted_on,
    'countyRecommendation', (select json_build_object('recommendedOn', c.recommended_on, 'opinion', c.opinion, 'satisfaction', ${satisfactionJson('c')})
      from taiyuan.county_recommendations c where c.application_id = a.id),
    'expertReview', (select json_build_object('reviewedOn', x.reviewed_on, 'opinion', x.opinion, 'recommendsDesignation', x.recommends_designation,
        'panel', (select json_agg(json_build_object('name', m ->> 'name', 'title', m ->> 'title', 'organisation', m ->> 'organisation') order by n)
          from jsonb_array_elements(x.panel) with ordinality as panel(m, n)))
      from taiyuan.expert_reviews x where x.application_id = a.id),
    'designation', (select ${designationJson('d')} from taiyuan.city_designations d where d.application_id = a.id),
    -- the recommendations resting on the application's designation, newest first; the institution's key serves the
    -- lookup (the table has no index on designation_id, and a recommendation is always of the designation's institution)
    'provincialRecommendations', coalesce((select json_agg(${provincialRecommendationJson} order by p.recommended_on desc, p.id)
      from taiyuan.city_designations d join taiyuan.provincial_recommendations p on p.institution_id = a.institution_id and p.designation_id = d.id
      where d.application_id = a.id), '[]'::json))`;

/** The latest row of a programme's table for the institution (the loaders' order: newest first, then id). */
const latest = (json: string, table: string, order: string) => `(select ${json} from ${table} d where d.institution_id = i.id order by ${order} limit 1)`;
const latestDesignation = (table: string, order = 'd.designated_on desc, d.id') => latest(designationJson('d'), table, order);
const latestMembership = (table: string) =>
  latest(`json_build_object('status', d.status, 'admittedOn', d.admitted_on)`, table, 'd.admitted_on desc, d.id');

/**
 * SPEC §5 trace (gateway TRACE_QUERY) as an ANALYST reads it, `$1` the institution's id: one row, one json column
 * `institution`, deep-equal to the gateway's `data.institution` (null for an unknown id). `taiyuan` is null when the
 * institution has neither an application nor a city designation (taiyuan-record.ts).
 */
export const TRACE_SQL = `select (
  select json_build_object(
    'name', i.name,
    'creditCode', i.credit_code,
    'region', json_build_object('name', ${REGION_NAMES} ->> i.region_code),
    'taiyuan', case when applications.list is null and city.latest is null then null
      else json_build_object('cityDesignation', city.latest, 'applications', coalesce(applications.list, '[]'::json)) end,
    'shanxiPlatform', ${latestDesignation('shanxi.provincial_platform_designations', 'd.designated_on desc, d.created_at desc, d.id')},
    'shandongPlatform', ${latestDesignation('shandong.designations')},
    'ningxiaPlatform', ${latestDesignation('ningxia.designations')},
    'shanxiLibrary', ${latestMembership('shanxi.members')},
    'hebeiLibrary', ${latestMembership('hebei.members')})
  from registry.institutions i
  left join lateral (select json_agg(${taiyuanApplicationJson} order by a.created_at desc, a.id) as list
    from taiyuan.applications a where a.institution_id = i.id) applications on true
  left join lateral (select ${designationJson('d')} as latest
    from taiyuan.city_designations d where d.institution_id = i.id order by d.designated_on desc, d.id limit 1) city on true
  where i.id = $1::uuid
) as institution`;

/** `[{ key label count }]` of a grouped query with columns key and count, in key order (the product's `order by`). */
const counts = (grouped: string, label = 'g.key') =>
  `coalesce((select json_agg(json_build_object('key', g.key, 'label', ${label}, 'count', g.count) order by g.key) from (${grouped}) g), '[]'::json)`;
/** The labels, once per statement: the dashboard's one row `asked` carries them. */
const namesFrom = (names: string) => `coalesce(asked.${names} ->> g.key, g.key)`;

/** member-statistics.ts libraryStatistics, the fields of the dashboard's LibraryFigures. */
const libraryStatistics = (schema: string, libraryName: string) => {
  const current = `status <> 'REMOVED'`;
  return `json_build_object(
    'library', '${libraryName}',
    'currentMembers', (select count(*)::int from ${schema}.members where ${current}),
    'membersByStatus', ${counts(`select status as key, count(*)::int as count from ${schema}.members group by status`)},
    'membersByCategory', ${counts(`select c as key, count(*)::int as count from ${schema}.members, unnest(categories) c where ${current} group by c`, namesFrom('category_names'))},
    'membersByCity', ${counts(`select unit_code as key, count(*)::int as count from ${schema}.members where ${current} group by unit_code`, namesFrom('region_names'))},
    'applicationsByStatus', ${counts(`select status as key, count(*)::int as count from ${schema}.applications group by status`)})`;
};

/** platform-statistics.ts platformStatistics on `asked.as_of`, the fields of the dashboard's PlatformFigures. */
const platformStatistics = (schema: string, programme: string) => {
  const asOf = 'asked.as_of';
  const validOn = (on: string) => `d.designated_on <= ${on} and d.valid_until >= ${on} and (d.revoked_on is null or d.revoked_on > ${on})`;
  // 鲁 第二十六条, 宁 第十六条: last year's summary, due on its 31 December (reporting-duty.ts summaryDueOn)
  const lastYear = `(extract(year from ${asOf})::int - 1)`;
  const due = `make_date(${lastYear}, 12, 31)`;
  return `json_build_object(
    'programme', '${programme}',
    'asOf', ${asOf},
    'designated', (select count(*)::int from ${schema}.designations d where ${validOn(asOf)}),
    'designationsByStatus', ${counts(`select ${designationStatus('d', asOf)} as key, count(*)::int as count from ${schema}.designations d where d.designated_on <= ${asOf} group by 1`)},
    'designatedByFunction', ${counts(`select f as key, count(*)::int as count from ${schema}.designations d, unnest(d.functions) f where ${validOn(asOf)} group by f`, namesFrom('function_names'))},
    'designatedByCity', ${counts(`select d.city_code as key, count(*)::int as count from ${schema}.designations d where ${validOn(asOf)} group by d.city_code`, namesFrom('region_names'))},
    'applicationsByStatus', ${counts(`select status as key, count(*)::int as count from ${schema}.applications group by status`)},
    'expiringWithin90Days', (select count(*)::int from ${schema}.designations d where ${validOn(asOf)} and d.valid_until <= ${asOf} + 90),
    'pendingRevocationRequests', (select count(*)::int from ${schema}.inspections where request_status = 'PENDING'),
    'overdueSummaries', (select count(*)::int from ${schema}.designations d where ${validOn(due)}
      and not exists (select 1 from ${schema}.annual_summaries s where s.designation_id = d.id and s.year = ${lastYear} and s.filed_on <= ${asOf})))`;
};

/**
 * The dashboard operation gateway/persisted-operations/cross-province-statistics.graphql as an ANALYST reads it:
 * `$1` the campaign year (int), `$2` asOf (a date, or null for today in China, as the statistics default). One row,
 * one json column `data`, deep-equal to the gateway's `data`. Shanxi's provincial platforms are counted as of
 * today whatever asOf (their filter takes no date), and Taiyuan's applications over every region (an analyst's scope).
 * `asked` is materialized so that asOf is a constant to every row filter: inlined, the time-zone conversion of a null
 * asOf ran once per row and made the statement twice as slow on 5,000 rows a table.
 */
export const DASHBOARD_SQL = `with asked as materialized (select $1::int as year, coalesce($2::date, ${CHINA_TODAY}) as as_of, ${CHINA_TODAY} as today,
    ${REGION_NAMES} as region_names, ${CATEGORY_LABELS} as category_names, ${FUNCTION_LABELS} as function_names)
select json_build_object(
  'shanxiLibraryStatistics', ${libraryStatistics('shanxi', '山西省优质中小企业公共服务资源库')},
  'hebeiLibraryStatistics', ${libraryStatistics('hebei', '河北省优质中小企业服务资源库')},
  'shandongPlatformStatistics', ${platformStatistics('shandong', '山东省中小企业公共服务示范平台')},
  'ningxiaPlatformStatistics', ${platformStatistics('ningxia', '自治区中小企业公共服务示范平台')},
  'shanxiProvincialPlatforms', json_build_object('totalCount', (select count(*)::int from shanxi.provincial_platform_designations d
    where d.valid_until >= asked.today and (d.revoked_on is null or d.revoked_on > asked.today))),
  'taiyuanApplications', json_build_object('totalCount', (select count(*)::int from taiyuan.applications a where a.campaign_year = asked.year)),
  'taiyuanDesignated', json_build_object('totalCount', (select count(*)::int from taiyuan.applications a where a.campaign_year = asked.year and a.status = 'DESIGNATED'))
) as data
from asked`;
