import type { GraphQLSchema } from 'graphql';
import { ErrorCode, Role, chinaToday, designationStatus } from '@sme/kernel';
import { TaiyuanApplicationStatus as Status } from '../src/applications/application-status';
import { SurveyRating } from '../src/county-recommendations/survey';
import { recommendToProvince } from '../src/provincial-recommendations/provincial-recommendations.service';
import {
  ANALYST, CITY_REVIEWER, XIAODIAN, YINGZE, applicantOf, countyReviewerOf, execute, expertOf, openTaiyuan, surveyOf, taiyuanSchema, userOf, type TaiyuanFixture,
} from './support/taiyuan-fixture';

/**
 * The taiyuan subgraph's schema executed in-process, as the gateway meets it: `Institution.taiyuan` through
 * `_entities` (SPEC §5's headline read), its cost in SQL statements, and what an anonymous caller may see.
 */
let fx: TaiyuanFixture;
let schema: GraphQLSchema;

/** Eight platforms designated on 2023-04-20 and recommended to the province on 2023-04-25; one more only submitted. */
const designated: { institutionId: string; applicationId: string; recommendationId: string }[] = [];
let submitted: { institutionId: string; applicationId: string };

/** 8 很满意, 1 基本满意, 1 不满意. */
const RATINGS = [...Array.from({ length: 8 }, () => SurveyRating.VERY_SATISFIED), SurveyRating.SATISFIED, SurveyRating.DISSATISFIED];

beforeAll(async () => {
  fx = await openTaiyuan();
  schema = await taiyuanSchema();
  for (let i = 0; i < 8; i++) {
    const institutionId = await fx.knowInstitution({ regionCode: i % 2 ? YINGZE : XIAODIAN });
    const application = await fx.walk(institutionId, Status.DESIGNATED, { survey: surveyOf(RATINGS, String(i)) });
    const recommendation = await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2023, cityOpinion: '同意推荐' }, '2023-04-25');
    designated.push({ institutionId, applicationId: application.id, recommendationId: recommendation.id });
  }
  const institutionId = await fx.knowInstitution();
  submitted = { institutionId, applicationId: (await fx.walk(institutionId, Status.SUBMITTED)).id };
}, 120_000);
afterAll(() => fx?.close());

const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'Institution', id }));

const RECORDS = `query Records($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Institution {
      id
      taiyuan {
        applications {
          id status campaignYear regionCode
          countyRecommendation { methods recommendedOn satisfaction { sampled verySatisfied satisfied dissatisfied satisfactionRate } }
          expertReview { opinion recommendsDesignation panel { name organisation } }
          designation { id status designatedOn validUntil }
          provincialRecommendations { id cityDesignation { id validUntil } }
          statusHistory { action toStatus on }
        }
        cityDesignation { id status designatedOn validUntil }
        cityDesignations { id }
        provincialRecommendations { id campaignYear recommendedOn countyOpinion cityOpinion cityDesignation { id designatedOn validUntil } }
      }
    }
  }
}`;

describe('Institution.taiyuan through _entities', () => {
  it('costs the same number of SQL statements for 2 institutions as for 8', async () => {
    const two = await execute(fx, schema, ANALYST, RECORDS, { representations: representations(designated.slice(0, 2).map((d) => d.institutionId)) });
    const eight = await execute(fx, schema, ANALYST, RECORDS, { representations: representations(designated.map((d) => d.institutionId)) });
    expect(two.errors).toBeUndefined();
    expect(eight.errors).toBeUndefined();
    expect(eight.data._entities.map((e: { id: string }) => e.id)).toEqual(designated.map((d) => d.institutionId));
    expect(two.statements).toBeGreaterThan(0);
    expect(eight.statements).toBe(two.statements);
  });

  it('answers the flow: application, survey results, panel, designation, recommendation to the province', async () => {
    const [first] = designated;
    const { data, errors } = await execute(fx, schema, ANALYST, RECORDS, { representations: representations([first.institutionId]) });
    expect(errors).toBeUndefined();
    const record = data._entities[0].taiyuan;
    const status = designationStatus({ validUntil: '2026-04-19', revokedOn: null }, chinaToday());
    const designation = { designatedOn: '2023-04-20', validUntil: '2026-04-19' };
    expect(record.applications).toEqual([{
      id: first.applicationId, status: Status.DESIGNATED, campaignYear: 2023, regionCode: XIAODIAN,
      countyRecommendation: { methods: ['VISIT', 'PHONE'], recommendedOn: '2023-03-21', satisfaction: { sampled: 10, verySatisfied: 8, satisfied: 1, dissatisfied: 1, satisfactionRate: 90 } },
      expertReview: { opinion: '服务功能完善，建议认定。', recommendsDesignation: true, panel: [{ name: '张教授', organisation: '太原理工大学' }, { name: '刘高工', organisation: '太原市中小企业发展促进中心' }] },
      designation: { id: expect.any(String), status, ...designation },
      provincialRecommendations: [{ id: first.recommendationId, cityDesignation: { id: expect.any(String), validUntil: '2026-04-19' } }],
      statusHistory: [
        { action: 'CREATE', toStatus: 'DRAFT', on: '2023-03-16' },
        { action: 'SUBMIT', toStatus: 'SUBMITTED', on: '2023-03-17' },
        { action: 'COUNTY_RECOMMEND', toStatus: 'COUNTY_RECOMMENDED', on: '2023-03-21' },
        { action: 'RECORD_EXPERT_REVIEW', toStatus: 'EXPERT_REVIEWED', on: '2023-04-10' },
        { action: 'DESIGNATE', toStatus: 'DESIGNATED', on: '2023-04-20' },
      ],
    }]);
    const designationId = record.applications[0].designation.id;
    expect(record.cityDesignation).toEqual({ id: designationId, status, ...designation });
    expect(record.cityDesignations).toEqual([{ id: designationId }]);
    expect(record.provincialRecommendations).toEqual([{
      id: first.recommendationId, campaignYear: 2023, recommendedOn: '2023-04-25', countyOpinion: '经测评和实地考察，同意推荐。', cityOpinion: '同意推荐',
      cityDesignation: { id: designationId, ...designation },
    }]);
  });

  it('is null for an institution never involved, and unknown ids stay null too', async () => {
    const stranger = await fx.knowInstitution();
    const { data, errors } = await execute(fx, schema, null, `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Institution { id taiyuan { applications { id } } } } }`, {
      representations: representations([stranger, 'not-a-uuid']),
    });
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([{ id: stranger, taiyuan: null }, { id: 'not-a-uuid', taiyuan: null }]);
  });

  it('the recommendations the shanxi subgraph extends resolve by id, at one cost for 2 or 8', async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on TaiyuanProvincialRecommendation { id regionCode cityDesignation { validUntil } institution { id } } } }`;
    const refs = (n: number) => designated.slice(0, n).map((d) => ({ __typename: 'TaiyuanProvincialRecommendation', id: d.recommendationId }));
    const two = await execute(fx, schema, null, query, { representations: refs(2) });
    const eight = await execute(fx, schema, null, query, { representations: refs(8) });
    expect(eight.errors).toBeUndefined();
    expect(eight.data._entities.map((r: { institution: { id: string } }) => r.institution.id)).toEqual(designated.map((d) => d.institutionId));
    expect(eight.statements).toBe(two.statements);
  });
});

describe('what an anonymous caller sees (SPEC §2: designations are public; survey respondents are not)', () => {
  const SATISFACTION = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Institution {
    taiyuan { applications { status countyRecommendation { satisfaction { satisfactionRate } } } } } } }`;
  const RESPONDENTS = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Institution {
    taiyuan { applications { countyRecommendation { survey { enterprise interviewee phone rating } } } } } } }`;

  it('the satisfaction summary of a designated platform is a figure: FORBIDDEN to anonymous callers, read by its county', async () => {
    const anonymous = await execute(fx, schema, null, SATISFACTION, { representations: representations([designated[0].institutionId]) });
    expect(anonymous.errors?.map((e) => [e.extensions.code, e.path?.at(-1)])).toEqual([[ErrorCode.FORBIDDEN, 'satisfaction']]);
    const { data, errors } = await execute(fx, schema, countyReviewerOf(XIAODIAN), SATISFACTION, { representations: representations([designated[0].institutionId]) });
    expect(errors).toBeUndefined();
    expect(data._entities[0].taiyuan.applications).toEqual([{ status: Status.DESIGNATED, countyRecommendation: { satisfaction: { satisfactionRate: 90 } } }]);
  });

  it('the survey respondents are FORBIDDEN to anonymous callers, another county, another year’s panel and another applicant', async () => {
    for (const user of [null, countyReviewerOf('140107'), expertOf(2022), applicantOf(designated[1].institutionId)]) {
      const { errors } = await execute(fx, schema, user, RESPONDENTS, { representations: representations([designated[0].institutionId]) });
      expect(errors?.map((e) => [e.extensions.code, e.path?.at(-1)])).toEqual([[ErrorCode.FORBIDDEN, 'survey']]);
    }
  });

  it('its county, its applicant, the city, its campaign’s expert panel and analysts read the respondents', async () => {
    for (const user of [countyReviewerOf(XIAODIAN), applicantOf(designated[0].institutionId), CITY_REVIEWER, expertOf(2023), ANALYST]) {
      const { data, errors } = await execute(fx, schema, user, RESPONDENTS, { representations: representations([designated[0].institutionId]) });
      expect(errors).toBeUndefined();
      const entries = data._entities[0].taiyuan.applications[0].countyRecommendation.survey;
      expect(entries).toHaveLength(10);
      expect(entries[0]).toEqual({ enterprise: '太原市受访企业0-1有限公司', interviewee: '受访人1', phone: '13803510000', rating: 'VERY_SATISFIED' });
    }
  });

  it('an application not yet designated is hidden from anonymous callers, even that it exists, and shown to its applicant', async () => {
    const ids = representations([submitted.institutionId]);
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Institution { taiyuan { applications { id status } } } } }`;
    expect((await execute(fx, schema, null, query, { representations: ids })).data._entities[0].taiyuan).toBeNull();
    expect((await execute(fx, schema, countyReviewerOf('140107'), query, { representations: ids })).data._entities[0].taiyuan).toBeNull();
    expect((await execute(fx, schema, applicantOf(submitted.institutionId), query, { representations: ids })).data._entities[0].taiyuan.applications)
      .toEqual([{ id: submitted.applicationId, status: Status.SUBMITTED }]);
    const one = await execute(fx, schema, null, `query($id: ID!) { taiyuanApplication(id: $id) { id } }`, { id: submitted.applicationId });
    expect(one.errors?.[0].extensions.code).toBe(ErrorCode.FORBIDDEN);
  });

  it("the report and the audit trail of even a designated application are restricted", async () => {
    const { errors } = await execute(fx, schema, null, `query($id: ID!) { taiyuanApplication(id: $id) { id status report { staffCount } } }`, { id: designated[0].applicationId });
    expect(errors?.map((e) => [e.extensions.code, e.path?.at(-1)])).toEqual([[ErrorCode.FORBIDDEN, 'report']]);
    const audit = await execute(fx, schema, null, `query($id: ID!) { taiyuanApplication(id: $id) { auditTrail { action } } }`, { id: designated[0].applicationId });
    expect(audit.errors?.[0].extensions.code).toBe(ErrorCode.FORBIDDEN);
  });
});

describe('taiyuanApplications: each caller sees its own scope, a page at a time', () => {
  const LIST = `query($filter: TaiyuanApplicationFilter, $first: Int, $after: String) {
    taiyuanApplications(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id regionCode status } } pageInfo { hasNextPage endCursor } }
  }`;
  const list = async (user: Parameters<typeof execute>[2], variables: Record<string, unknown> = {}) => {
    const result = await execute(fx, schema, user, LIST, { filter: { campaignYear: 2023 }, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data.taiyuanApplications;
  };
  const all = () => [...designated.map((d) => d.applicationId), submitted.applicationId];

  it('the city, analysts and admins see every county; a county only its own', async () => {
    for (const user of [CITY_REVIEWER, ANALYST]) {
      const page = await list(user, { first: 100 });
      expect(page.totalCount).toBe(9);
      expect(page.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(all().sort());
    }
    const yingze = await list(countyReviewerOf(YINGZE), { first: 100 });
    expect(yingze.totalCount).toBe(4);
    expect(yingze.edges.every((e: { node: { regionCode: string } }) => e.node.regionCode === YINGZE)).toBe(true);
    expect((await list(countyReviewerOf(XIAODIAN))).totalCount).toBe(5);
    expect((await list(countyReviewerOf('140107'))).totalCount).toBe(0);
  });

  it('an applicant sees its own institution’s applications only', async () => {
    const page = await list(applicantOf(submitted.institutionId));
    expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([submitted.applicationId]);
  });

  it('filters by status and county', async () => {
    expect((await list(CITY_REVIEWER, { filter: { campaignYear: 2023, status: 'DESIGNATED' } })).totalCount).toBe(8);
    expect((await list(CITY_REVIEWER, { filter: { campaignYear: 2023, status: 'SUBMITTED', regionCode: XIAODIAN } })).totalCount).toBe(1);
    expect((await list(CITY_REVIEWER, { filter: { campaignYear: 2022 } })).totalCount).toBe(0);
  });

  it('pages with a cursor: no item twice, none left out', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page: any = await list(CITY_REVIEWER, { first: 4, after });
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(9);
    expect([...seen].sort()).toEqual(all().sort());
  });

  it('an expert panel sees its campaign’s applications once recommended by their counties, and no other year’s', async () => {
    const page = await list(expertOf(2023), { first: 100 });
    expect(page.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(designated.map((d) => d.applicationId).sort());
    expect(page.edges.every((e: { node: { status: string } }) => e.node.status !== 'SUBMITTED')).toBe(true);
    expect((await list(expertOf(2022), { first: 100 })).totalCount).toBe(0);
  });

  it('refuses experts off any panel (FORBIDDEN), anonymous callers (UNAUTHENTICATED) and unknown regions (BAD_USER_INPUT)', async () => {
    expect((await execute(fx, schema, userOf(Role.EXPERT, {}), LIST, {})).errors?.[0].extensions.code).toBe(ErrorCode.FORBIDDEN);
    expect((await execute(fx, schema, null, LIST, {})).errors?.[0].extensions.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect((await execute(fx, schema, CITY_REVIEWER, LIST, { filter: { regionCode: '149999' } })).errors?.[0].extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'UNKNOWN_REGION' });
  });
});
