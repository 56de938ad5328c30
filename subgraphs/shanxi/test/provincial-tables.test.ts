import { randomUUID } from 'node:crypto';
import { openShanxi, type ShanxiFixture } from './support/provincial-fixture';

let fx: ShanxiFixture;
beforeAll(async () => (fx = await openShanxi()));
afterAll(() => fx?.close());

/** The database repeats the services' rules, so that no path can store what they refuse. */
describe('the provincial tables', () => {
  const fails = (sql: string, params: unknown[] = []) => expect(fx.em().execute(sql, params)).rejects.toThrow();

  it('runs after the library migration, in the shanxi schema, with an index for every filter', async () => {
    const applied = await fx.em().execute(`select name from shanxi.schema_migrations order by id`);
    expect(applied.map((m) => String(m.name))).toEqual([
      'Migration20261123100000_library', 'Migration20261202000000_library_record_versions', 'Migration20261210000000_library_filter_indexes',
      'Migration20261123200000_provincial_platforms', 'Migration20261210000000_provincial_filter_indexes',
    ]);
    const indexes = (await fx.em().execute(`select indexdef from pg_indexes where schemaname = 'shanxi' and tablename like 'provincial%'`)).map((i) => String(i.indexdef).replace(/^.* USING btree /, ''));
    expect(indexes).toEqual(expect.arrayContaining([
      '(recommendation_id)', '(status, received_on, id)', '(received_on, id)', '(city_code, received_on, id)', '(city_code, status, received_on, id)',
      '(institution_id, designated_on DESC)', '(designated_on, id)', '(valid_until)', '(review_id)',
    ]));
  });

  it('refuses a second open review of an institution, a designation inside the notice and a validity that ends before it starts', async () => {
    const institution = randomUUID();
    const review = await fx.recommend(institution, '2023-03-24');
    await fails(
      `insert into shanxi.provincial_platform_reviews (id, recommendation_id, institution_id, campaign_year, recommended_on, region_code, city_code, city_designation_id,
        city_designated_on, city_designation_valid_until, county_opinion, status, received_on, created_at, updated_at)
       select ?, ?, institution_id, campaign_year, recommended_on, region_code, city_code, city_designation_id, city_designated_on, city_designation_valid_until,
        county_opinion, 'RECEIVED', received_on, now(), now() from shanxi.provincial_platform_reviews where id = ?`,
      [randomUUID(), randomUUID(), review.id],
    );
    await fails(
      `update shanxi.provincial_platform_reviews set status = 'DESIGNATED', expert_reviewed_on = '2023-04-10', notice_starts_on = '2023-04-28', notice_ends_on = '2023-05-09', decided_on = '2023-05-09' where id = ?`,
      [review.id],
    );
    await fails(`update shanxi.provincial_platform_reviews set status = 'REJECTED', decided_on = '2023-04-01' where id = ?`, [review.id]); // no ground, no reason
    await fails(
      `insert into shanxi.provincial_platform_designations (id, review_id, institution_id, recommendation_id, campaign_year, designated_on, valid_until, created_at)
       values (?, ?, ?, ?, 2023, '2023-06-01', '2023-06-01', now())`,
      [randomUUID(), review.id, institution, review.recommendationId],
    );
  });
});
