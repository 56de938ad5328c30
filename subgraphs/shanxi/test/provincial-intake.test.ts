import { randomUUID } from 'node:crypto';
import { AuditEntry, EventConsumer, PostgresEventTransport, RegistryEvent, StatusChange, TaiyuanEvent, chinaToday } from '@sme/kernel';
import { schemaChecksums } from '@sme/testing';
import { shanxi } from '../src/server';
import { ProvincialReview } from '../src/provincial-platforms/provincial-review.entity';
import { ProvincialRejectionGround, ProvincialReviewStatus as Status } from '../src/provincial-platforms/provincial-review-status';
import { PROVINCIAL_REVIEW } from '../src/provincial-platforms/provincial-review-history';
import { openShanxi, type ShanxiFixture } from './support/provincial-fixture';

let fx: ShanxiFixture;
beforeAll(async () => (fx = await openShanxi()));
afterAll(() => fx?.close());

const history = (reviewId: string) => fx.em().find(StatusChange, { recordType: PROVINCIAL_REVIEW, recordId: reviewId }, { orderBy: { seq: 'asc' } });

describe('二.2 only a platform with a valid city designation can be recommended', () => {
  it('takes in a recommendation whose city designation is valid through the recommendation day', async () => {
    const review = await fx.recommend(randomUUID(), '2023-03-24', { recommendedOn: '2023-03-20', cityDesignation: { id: randomUUID(), designatedOn: '2020-03-21', validUntil: '2023-03-20' } });
    // received on the day the city recommended it, whenever the stream delivers it
    expect(review).toMatchObject({ status: Status.RECEIVED, receivedOn: '2023-03-20', recommendedOn: '2023-03-20', cityCode: '140100', regionCode: '140105', rejectionGround: null, decidedOn: null });
    expect((await history(review.id)).map((h) => [h.fromStatus, h.toStatus, h.action, h.on])).toEqual([[null, 'RECEIVED', 'RECEIVE', '2023-03-20']]);
    const audit = await fx.em().find(AuditEntry, { recordType: PROVINCIAL_REVIEW, recordId: review.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'RECEIVE', actorId: 'shanxi-taiyuan-intake', before: null, after: expect.objectContaining({ status: 'RECEIVED', recommendationId: review.recommendationId }) });
  });

  it('rejects at once, citing 二.2, when the city designation expired the day before', async () => {
    const review = await fx.recommend(randomUUID(), '2023-03-24', { recommendedOn: '2023-03-20', cityDesignation: { id: randomUUID(), designatedOn: '2020-03-20', validUntil: '2023-03-19' } });
    expect(review).toMatchObject({ status: Status.REJECTED, rejectionGround: ProvincialRejectionGround.CITY_DESIGNATION_NOT_VALID, decidedOn: '2023-03-20' });
    expect(review.rejectionReason).toContain('二.2：凡推荐申报省级示范平台的服务机构必须是经市级中小企业主管部门认定的市级示范平台');
    expect(review.rejectionReason).toContain('II.2');
    expect((await history(review.id)).map((h) => [h.fromStatus, h.toStatus, h.action])).toEqual([[null, 'RECEIVED', 'RECEIVE'], ['RECEIVED', 'REJECTED', 'REJECT']]);
  });

  it('rejects a city designation made after the recommendation day, and takes one made that day', async () => {
    const later = await fx.recommend(randomUUID(), '2023-03-24', { recommendedOn: '2023-03-20', cityDesignation: { id: randomUUID(), designatedOn: '2023-03-21', validUntil: '2026-03-20' } });
    expect(later.status).toBe(Status.REJECTED);
    const sameDay = await fx.recommend(randomUUID(), '2023-03-24', { recommendedOn: '2023-03-20', cityDesignation: { id: randomUUID(), designatedOn: '2023-03-20', validUntil: '2026-03-19' } });
    expect(sameDay.status).toBe(Status.RECEIVED);
  });
});

describe('二.3 re-application of provincial platforms', () => {
  it('lets a platform designated on 2020-04-30 apply again while still valid', async () => {
    const institution = randomUUID();
    const designation = await fx.designate(institution, '2020-04-01', '2020-04-30');
    expect(designation).toMatchObject({ designatedOn: '2020-04-30', validUntil: '2023-04-29' });
    const review = await fx.recommend(institution, '2023-03-24', { recommendedOn: '2023-03-20' });
    expect(review).toMatchObject({ status: Status.RECEIVED, rejectionGround: null });
  });

  it('rejects, citing 二.3, a platform designated on 2020-05-01 while it is valid, and takes it once expired', async () => {
    const institution = randomUUID();
    const designation = await fx.designate(institution, '2020-04-01', '2020-05-01');
    expect(designation.validUntil).toBe('2023-04-30');
    const whileValid = await fx.recommend(institution, '2023-03-24', { recommendedOn: '2023-04-30' });
    expect(whileValid).toMatchObject({ status: Status.REJECTED, rejectionGround: ProvincialRejectionGround.PROVINCIAL_DESIGNATION_STILL_VALID });
    expect(whileValid.rejectionReason).toContain('二.3：省级示范平台每次认定有效期为三年，凡2020年5月前认定的省级示范平台可于今年重新申请认定');
    expect(whileValid.rejectionReason).toContain('2020-05-01');
    const expired = await fx.recommend(institution, '2023-05-04', { recommendedOn: '2023-05-01' });
    expect(expired.status).toBe(Status.RECEIVED);
  });
});

describe('one review per recommendation and per institution', () => {
  it('makes one review of a recommendation delivered twice (another event id, another day)', async () => {
    const payload = fx.recommendation(randomUUID());
    await fx.deliver(payload, '2023-03-24');
    const before = await schemaChecksums(fx.url, shanxi.name);
    await fx.deliver(payload, '2023-03-27');
    expect(await schemaChecksums(fx.url, shanxi.name)).toEqual(before);
    const reviews = await fx.em().find(ProvincialReview, { recommendationId: payload.id });
    expect(reviews).toHaveLength(1);
    expect(reviews[0].receivedOn).toBe(payload.recommendedOn);
  });

  it('rejects a second recommendation of an institution while its first is under review', async () => {
    const institution = randomUUID();
    const first = await fx.recommend(institution, '2023-03-24');
    const second = await fx.recommend(institution, '2023-03-25');
    expect(first.status).toBe(Status.RECEIVED);
    expect(second).toMatchObject({ status: Status.REJECTED, rejectionGround: ProvincialRejectionGround.ALREADY_UNDER_REVIEW });
    expect(second.rejectionReason).toContain(first.recommendationId);
  });

  it('stops at an event that breaks the published contract, storing nothing', async () => {
    const before = await schemaChecksums(fx.url, shanxi.name);
    await expect(fx.deliver({ ...fx.recommendation('not-a-uuid'), regionCode: '130100' }, '2023-03-24')).rejects.toThrow(/institutionId, regionCode/);
    expect(await schemaChecksums(fx.url, shanxi.name)).toEqual(before);
  });
});

describe('the subgraph consumes the event from the stream', () => {
  it('registers the handler beside the registry handlers, and takes a published recommendation in once', async () => {
    expect(Object.keys(shanxi.eventHandlers!)).toEqual(expect.arrayContaining([TaiyuanEvent.ProvincialRecommendationMade, RegistryEvent.InstitutionRegistered, RegistryEvent.CreditRecordAdded]));
    const knex = fx.orm.em.getConnection().getKnex();
    await PostgresEventTransport.ensureStream(knex);
    const transport = new PostgresEventTransport(knex, fx.orm.config.getClientUrl());
    try {
      const payload = fx.recommendation(randomUUID());
      const event = { source: 'taiyuan', type: TaiyuanEvent.ProvincialRecommendationMade, aggregateType: 'TaiyuanProvincialRecommendation', aggregateId: payload.id, payload: payload as unknown as Record<string, unknown>, occurredAt: new Date().toISOString() };
      // at-least-once: the same recommendation published twice under two event ids
      await transport.publish([{ id: randomUUID(), ...event }, { id: randomUUID(), ...event }]);
      const consumer = new EventConsumer(fx.orm, transport, shanxi.name, shanxi.eventHandlers!);
      expect(await consumer.consumeOnce()).toBe(2);
      const reviews = await fx.em().find(ProvincialReview, { recommendationId: payload.id });
      expect(reviews).toHaveLength(1);
      expect(reviews[0]).toMatchObject({ status: Status.RECEIVED, receivedOn: payload.recommendedOn });
    } finally {
      await transport.close();
    }
  });
});
