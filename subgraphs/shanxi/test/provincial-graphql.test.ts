import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { ErrorCode, addDays, chinaToday } from '@sme/kernel';
import type { ProvincialDesignation } from '../src/provincial-platforms/provincial-designation.entity';
import type { ProvincialReview } from '../src/provincial-platforms/provincial-review.entity';
import {
  ANALYST, DATONG_REVIEWER, HEBEI_REVIEWER, SHANXI_REVIEWER, TAIYUAN_REVIEWER, applicantOf, execute, openShanxi, shanxiSchema, type ShanxiFixture,
} from './support/provincial-fixture';

let fx: ShanxiFixture;
let schema: GraphQLSchema;
const today = chinaToday();
/** Designated recently: DESIGNATED whatever day the tests run (three years of validity from today − 10). */
const current: ProvincialDesignation[] = [];
let expired: ProvincialDesignation;
let reDesignated: { institutionId: string; latest: ProvincialDesignation };
let received: ProvincialReview;
let datong: ProvincialReview;

beforeAll(async () => {
  fx = await openShanxi();
  schema = await shanxiSchema();
  for (let i = 0; i < 10; i++) current.push(await fx.designate(randomUUID(), addDays(today, -40), addDays(today, -10)));
  expired = await fx.designate(randomUUID(), '2023-03-20', '2023-06-01');
  const institutionId = randomUUID();
  await fx.designate(institutionId, '2020-04-01', '2020-04-30');
  reDesignated = { institutionId, latest: await fx.designate(institutionId, '2023-03-20', '2023-06-01') };
  received = await fx.recommend(randomUUID(), today, { recommendedOn: today, cityDesignation: { id: randomUUID(), designatedOn: addDays(today, -100), validUntil: addDays(today, 900) } });
  datong = await fx.recommend(randomUUID(), '2023-03-24', { regionCode: '140213' });
});
afterAll(() => fx?.close());

const INSTITUTIONS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Institution { id shanxiLibrary { status } shanxiPlatform { id title status designatedOn validUntil revokedOn revocationReason } } } }`;
const institutions = (ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Institution', id })) });

const RECOMMENDATIONS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on TaiyuanProvincialRecommendation { id provincialReview {
  id status receivedOn noticeEndsOn countyOpinion institution { id } expertReview { opinion recommended panel { name title organisation } }
  designation { id status validUntil } statusHistory { action toStatus } } } } }`;
const recommendations = (ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'TaiyuanProvincialRecommendation', id })) });

describe('Institution.shanxiPlatform (public)', () => {
  it('is the latest provincial designation with its status as of today, null when never designated', async () => {
    const never = randomUUID();
    const result = await execute(fx, schema, null, INSTITUTIONS, institutions([current[0].institutionId, expired.institutionId, reDesignated.institutionId, never]));
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: current[0].institutionId, shanxiLibrary: null, shanxiPlatform: { id: current[0].id, title: '山西省中小企业公共服务示范平台', status: 'DESIGNATED', designatedOn: addDays(today, -10), validUntil: current[0].validUntil, revokedOn: null, revocationReason: null } },
      { id: expired.institutionId, shanxiLibrary: null, shanxiPlatform: expect.objectContaining({ id: expired.id, status: 'EXPIRED', designatedOn: '2023-06-01', validUntil: '2026-05-31' }) },
      { id: reDesignated.institutionId, shanxiLibrary: null, shanxiPlatform: expect.objectContaining({ id: reDesignated.latest.id, designatedOn: '2023-06-01' }) },
      { id: never, shanxiLibrary: null, shanxiPlatform: null },
    ]);
  });

  it('costs the same statements for 10 institutions as for 2', async () => {
    const ids = current.map((d) => d.institutionId);
    const two = await execute(fx, schema, null, INSTITUTIONS, institutions(ids.slice(0, 2)));
    const ten = await execute(fx, schema, null, INSTITUTIONS, institutions(ids));
    expect(ten.errors).toBeUndefined();
    expect(ten.data._entities.every((e: any) => e.shanxiPlatform.status === 'DESIGNATED')).toBe(true);
    expect(ten.statements).toBe(two.statements);
    expect(ten.statements).toBe(2); // the library's memberships, the designations
  });
});

describe('TaiyuanProvincialRecommendation.provincialReview', () => {
  it('traces a recommendation to the provincial decision, and is null for one the province has not received', async () => {
    const unknown = randomUUID();
    const result = await execute(fx, schema, SHANXI_REVIEWER, RECOMMENDATIONS, recommendations([current[0].recommendationId, received.recommendationId, unknown]));
    expect(result.errors).toBeUndefined();
    const [designated, open, none] = result.data._entities;
    expect(designated).toMatchObject({
      id: current[0].recommendationId,
      provincialReview: {
        id: current[0].reviewId, status: 'DESIGNATED', countyOpinion: '经测评，同意推荐', institution: { id: current[0].institutionId },
        expertReview: { recommended: true, panel: expect.arrayContaining([{ name: '王明', title: '教授', organisation: '太原理工大学' }]) },
        designation: { id: current[0].id, status: 'DESIGNATED', validUntil: current[0].validUntil },
        statusHistory: [{ action: 'RECEIVE', toStatus: 'RECEIVED' }, { action: 'RECORD_EXPERT_REVIEW', toStatus: 'EXPERT_REVIEWED' }, { action: 'START_PUBLIC_NOTICE', toStatus: 'IN_PUBLIC_NOTICE' }, { action: 'DESIGNATE', toStatus: 'DESIGNATED' }],
      },
    });
    expect(open).toEqual({ id: received.recommendationId, provincialReview: expect.objectContaining({ status: 'RECEIVED', receivedOn: today, expertReview: null, designation: null }) });
    expect(none).toEqual({ id: unknown, provincialReview: null });
  });

  it('shows a designated review to anyone, but its opinions, and a review before its notice, only to those concerned', async () => {
    const publicView = await execute(fx, schema, null, `query($r: [_Any!]!) { _entities(representations: $r) { ... on TaiyuanProvincialRecommendation { provincialReview { status designation { validUntil } } } } }`, recommendations([current[1].recommendationId]));
    expect(publicView.errors).toBeUndefined();
    expect(publicView.data._entities[0].provincialReview).toEqual({ status: 'DESIGNATED', designation: { validUntil: current[1].validUntil } });
    const opinion = await execute(fx, schema, null, `query($r: [_Any!]!) { _entities(representations: $r) { ... on TaiyuanProvincialRecommendation { provincialReview { countyOpinion } } } }`, recommendations([current[1].recommendationId]));
    expect(opinion.errors?.[0].extensions?.code).toBe(ErrorCode.FORBIDDEN);
    const beforeNotice = await execute(fx, schema, null, `query($r: [_Any!]!) { _entities(representations: $r) { ... on TaiyuanProvincialRecommendation { provincialReview { status } } } }`, recommendations([received.recommendationId]));
    expect(beforeNotice.errors?.[0].extensions?.code).toBe(ErrorCode.FORBIDDEN);
    const byId = `query($id: ID!) { shanxiProvincialPlatformReview(id: $id) { id status } }`;
    expect((await execute(fx, schema, null, byId, { id: received.id })).errors?.[0].extensions?.code).toBe(ErrorCode.FORBIDDEN);
    expect((await execute(fx, schema, DATONG_REVIEWER, byId, { id: received.id })).errors?.[0].extensions?.code).toBe(ErrorCode.FORBIDDEN);
    expect((await execute(fx, schema, TAIYUAN_REVIEWER, byId, { id: received.id })).data.shanxiProvincialPlatformReview).toEqual({ id: received.id, status: 'RECEIVED' });
    expect((await execute(fx, schema, null, byId, { id: current[1].reviewId })).data.shanxiProvincialPlatformReview).toEqual({ id: current[1].reviewId, status: 'DESIGNATED' });
    const applicant = await execute(fx, schema, applicantOf(received.institutionId), `query($r: [_Any!]!) { _entities(representations: $r) { ... on TaiyuanProvincialRecommendation { provincialReview { status countyOpinion } } } }`, recommendations([received.recommendationId]));
    expect(applicant.data._entities[0].provincialReview).toEqual({ status: 'RECEIVED', countyOpinion: '经测评，同意推荐' });
  });

  it('costs the same statements for 10 recommendations as for 2', async () => {
    const ids = current.map((d) => d.recommendationId);
    const two = await execute(fx, schema, SHANXI_REVIEWER, RECOMMENDATIONS, recommendations(ids.slice(0, 2)));
    const ten = await execute(fx, schema, SHANXI_REVIEWER, RECOMMENDATIONS, recommendations(ids));
    expect(ten.errors).toBeUndefined();
    expect(ten.data._entities.map((e: any) => e.provincialReview.designation.id)).toEqual(current.map((d) => d.id));
    expect(ten.statements).toBe(two.statements);
    expect(ten.statements).toBe(4); // the reviews, then their expert reviews, designations and histories
  });

  it('resolves the references to their keys: N recommendations cost one statement for their reviews', async () => {
    const ids = current.map((d) => d.recommendationId);
    const result = await execute(fx, schema, null, `query($r: [_Any!]!) { _entities(representations: $r) { ... on TaiyuanProvincialRecommendation { id provincialReview { id status } } } }`, recommendations(ids));
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((e: any) => e.provincialReview.id)).toEqual(current.map((d) => d.reviewId));
    expect(result.statements).toBe(1);
  });
});

const REVIEWS = `query($status: ShanxiProvincialReviewStatus, $first: Int, $after: String) {
  shanxiProvincialPlatformReviews(filter: { status: $status }, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status receivedOn cityCode } } } }`;

describe('shanxiProvincialPlatformReviews (the provincial intake, restricted)', () => {
  it('pages through the reviews of a status in (receivedOn, id) order', async () => {
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await execute(fx, schema, SHANXI_REVIEWER, REVIEWS, { status: 'DESIGNATED', first: 4, after });
      expect(page.errors).toBeUndefined();
      const connection = page.data.shanxiProvincialPlatformReviews;
      expect(connection.totalCount).toBe(13);
      seen.push(...connection.edges.map((e: any) => e.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(13);
    expect(seen.every((n) => n.status === 'DESIGNATED')).toBe(true);
    const keys = seen.map((n) => `${n.receivedOn}|${n.id}`);
    expect([...keys].sort()).toEqual(keys);
    const open = await execute(fx, schema, ANALYST, REVIEWS, { status: 'RECEIVED' });
    expect(open.data.shanxiProvincialPlatformReviews.edges.map((e: any) => e.node.id).sort()).toEqual([received.id, datong.id].sort());
  });

  it('gives a city reviewer its own city’s recommendations only', async () => {
    const taiyuan = await execute(fx, schema, TAIYUAN_REVIEWER, REVIEWS, { status: 'RECEIVED' });
    expect(taiyuan.data.shanxiProvincialPlatformReviews.edges.map((e: any) => e.node.id)).toEqual([received.id]);
    const datongView = await execute(fx, schema, DATONG_REVIEWER, REVIEWS, {});
    expect(datongView.data.shanxiProvincialPlatformReviews).toMatchObject({ totalCount: 1, edges: [{ node: { id: datong.id, cityCode: '140200' } }] });
  });

  it('refuses a Hebei province reviewer, a Hebei city reviewer, an applicant and an anonymous caller', async () => {
    for (const [user, code] of [
      [HEBEI_REVIEWER, ErrorCode.FORBIDDEN], [{ ...TAIYUAN_REVIEWER, region: '130100' }, ErrorCode.FORBIDDEN], [applicantOf(received.institutionId), ErrorCode.FORBIDDEN], [null, ErrorCode.UNAUTHENTICATED],
    ] as const) {
      const result = await execute(fx, schema, user, REVIEWS, {});
      expect(result.errors?.[0].extensions?.code).toBe(code);
    }
  });
});

describe('shanxiProvincialPlatforms (public)', () => {
  const PLATFORMS = `query($status: PlatformDesignationStatus, $first: Int, $after: String) { shanxiProvincialPlatforms(filter: { status: $status }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id title status designatedOn validUntil institution { id } recommendation { id } review { status } } } } }`;

  it('lists every designation to an anonymous caller, page by page, with its status as of today', async () => {
    const first = await execute(fx, schema, null, PLATFORMS, { first: 3 });
    expect(first.errors).toBeUndefined();
    expect(first.data.shanxiProvincialPlatforms).toMatchObject({ totalCount: 13, pageInfo: { hasNextPage: true } });
    expect(first.data.shanxiProvincialPlatforms.edges.map((e: any) => e.node.designatedOn)).toEqual(['2020-04-30', '2023-06-01', '2023-06-01']);
    expect(first.data.shanxiProvincialPlatforms.edges[0].node).toMatchObject({ status: 'EXPIRED', review: { status: 'DESIGNATED' }, institution: { id: reDesignated.institutionId } });
    const rest = await execute(fx, schema, null, PLATFORMS, { first: 20, after: first.data.shanxiProvincialPlatforms.pageInfo.endCursor });
    expect(rest.data.shanxiProvincialPlatforms.edges).toHaveLength(10);
    expect(rest.data.shanxiProvincialPlatforms.pageInfo.hasNextPage).toBe(false);
    const valid = await execute(fx, schema, null, PLATFORMS, { status: 'DESIGNATED', first: 100 });
    expect(valid.data.shanxiProvincialPlatforms.edges.map((e: any) => e.node.id).sort()).toEqual(current.map((d) => d.id).sort());
    expect(valid.data.shanxiProvincialPlatforms.edges[0].node.recommendation.id).toBeDefined();
  });
});

describe('the mutations as a request meets them', () => {
  it('records the expert review and starts the notice today, and refuses to designate before the notice has ended', async () => {
    const review = await fx.recommend(randomUUID(), today, { recommendedOn: today, cityDesignation: { id: randomUUID(), designatedOn: addDays(today, -100), validUntil: addDays(today, 900) } });
    const expert = await execute(fx, schema, SHANXI_REVIEWER, `mutation($input: RecordShanxiProvincialExpertReviewInput!) { shanxiRecordProvincialExpertReview(input: $input) { status expertReviewedOn allowedActions } }`, {
      input: { reviewId: review.id, panel: [{ name: '王明', title: '教授', organisation: '太原理工大学' }], opinion: '建议认定', recommended: true, expectedVersion: review.version },
    });
    expect(expert.data.shanxiRecordProvincialExpertReview).toEqual({ status: 'EXPERT_REVIEWED', expertReviewedOn: today, allowedActions: ['START_PUBLIC_NOTICE', 'REJECT'] });
    const noticed = await execute(fx, schema, SHANXI_REVIEWER, `mutation($id: ID!) { shanxiStartProvincialPlatformNotice(input: { reviewId: $id }) { status noticeStartsOn noticeEndsOn } }`, { id: review.id });
    expect(noticed.data.shanxiStartProvincialPlatformNotice).toMatchObject({ status: 'IN_PUBLIC_NOTICE', noticeStartsOn: today });
    const notices = await execute(fx, schema, null, `{ shanxiProvincialPlatformNotices { id noticeEndsOn } }`);
    expect(notices.data.shanxiProvincialPlatformNotices).toEqual([{ id: review.id, noticeEndsOn: noticed.data.shanxiStartProvincialPlatformNotice.noticeEndsOn }]);
    const early = await execute(fx, schema, SHANXI_REVIEWER, `mutation($id: ID!) { shanxiDecideProvincialPlatform(input: { reviewId: $id, decision: DESIGNATE }) { status } }`, { id: review.id });
    expect(early.errors?.[0].extensions).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, reason: 'NOTICE_NOT_ENDED' });
    // the province's decision is final: there is no return for revision
    const back = await execute(fx, schema, SHANXI_REVIEWER, `mutation($id: ID!) { shanxiDecideProvincialPlatform(input: { reviewId: $id, decision: RETURN, reason: "补充材料" }) { status } }`, { id: review.id });
    expect(back.errors?.[0].message).toMatch(/RETURN/);
  });
});
