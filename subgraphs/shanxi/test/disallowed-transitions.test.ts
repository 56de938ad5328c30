import { randomUUID } from 'node:crypto';
import { DomainError } from '@sme/kernel';
import { schemaChecksums } from '@sme/testing';
import { shanxi } from '../src/server';
import { ProvincialReview } from '../src/provincial-platforms/provincial-review.entity';
import { ProvincialDecision, ProvincialReviewStatus as Status, allowedActions } from '../src/provincial-platforms/provincial-review-status';
import { decideProvincialPlatform, recordExpertReview, startProvincialNotice } from '../src/provincial-platforms/provincial-review.service';
import { ADMIN, PANEL, openShanxi, type ShanxiFixture } from './support/provincial-fixture';

/**
 * Every (state, action) pair the provincial review of a Taiyuan recommendation does not allow, derived from the
 * machine's data: the states are the status enum, the actions everything `allowedActions` offers in any state.
 * `allowedActions` also reads the day (DESIGNATE only once the notice has ended), so IN_PUBLIC_NOTICE is tried on a
 * day inside the notice and on a day after it. A review is put into each state through the services; each
 * disallowed action must be INVALID_TRANSITION with the current state and what the machine allows on that day, and
 * change no table. RECEIVE is not an action on a review (a recommendation event creates the review), so it has no
 * pair to try.
 */

const RECEIVED_ON = '2024-05-06';
const DURING_NOTICE = '2024-05-08';
const AFTER_NOTICE = '2024-05-20';

let fx: ShanxiFixture;
/** One review per situation: a state, and the day the actions are tried on. */
const situations: { label: string; review: ProvincialReview; day: string }[] = [];

beforeAll(async () => {
  fx = await openShanxi();
  const received = () => fx.recommend(randomUUID(), RECEIVED_ON);
  const reviewed = async () => {
    const review = await received();
    await recordExpertReview(fx.em(), ADMIN, { reviewId: review.id, panel: PANEL, opinion: '建议认定', recommended: true }, RECEIVED_ON);
    return review;
  };
  const noticed = async () => {
    const review = await reviewed();
    await startProvincialNotice(fx.em(), ADMIN, { reviewId: review.id }, RECEIVED_ON);
    return review;
  };
  const load = (review: ProvincialReview) => fx.em().findOneOrFail(ProvincialReview, { id: review.id });

  situations.push({ label: 'RECEIVED', review: await load(await received()), day: AFTER_NOTICE });
  situations.push({ label: 'EXPERT_REVIEWED', review: await load(await reviewed()), day: AFTER_NOTICE });
  const inNotice = await load(await noticed());
  expect(DURING_NOTICE <= inNotice.noticeEndsOn! && AFTER_NOTICE > inNotice.noticeEndsOn!).toBe(true);
  situations.push({ label: 'IN_PUBLIC_NOTICE (running)', review: inNotice, day: DURING_NOTICE });
  situations.push({ label: 'IN_PUBLIC_NOTICE (ended)', review: inNotice, day: AFTER_NOTICE });
  const designated = await noticed();
  await decideProvincialPlatform(fx.em(), ADMIN, { reviewId: designated.id, decision: ProvincialDecision.DESIGNATE }, AFTER_NOTICE);
  situations.push({ label: 'DESIGNATED', review: await load(designated), day: AFTER_NOTICE });
  const rejected = await received();
  await decideProvincialPlatform(fx.em(), ADMIN, { reviewId: rejected.id, decision: ProvincialDecision.REJECT, reason: '服务能力不足' }, RECEIVED_ON);
  situations.push({ label: 'REJECTED', review: await load(rejected), day: AFTER_NOTICE });
}, 60_000);
afterAll(() => fx?.close());

/** One thing a province reviewer can do to a review, under the machine's name for it. */
const ATTEMPTS: Record<string, (review: ProvincialReview, day: string) => Promise<unknown>> = {
  RECORD_EXPERT_REVIEW: (r, day) => recordExpertReview(fx.em(), ADMIN, { reviewId: r.id, panel: PANEL, opinion: '建议认定', recommended: true }, day),
  START_PUBLIC_NOTICE: (r, day) => startProvincialNotice(fx.em(), ADMIN, { reviewId: r.id }, day),
  DESIGNATE: (r, day) => decideProvincialPlatform(fx.em(), ADMIN, { reviewId: r.id, decision: ProvincialDecision.DESIGNATE }, day),
  REJECT: (r, day) => decideProvincialPlatform(fx.em(), ADMIN, { reviewId: r.id, decision: ProvincialDecision.REJECT, reason: '不予认定' }, day),
};

const disallowedIn = ({ review, day }: { review: ProvincialReview; day: string }) => Object.keys(ATTEMPTS).filter((action) => !allowedActions(review, day).includes(action));

it('has an attempt for every action the machine names, and a review in every state', () => {
  const named = new Set(situations.flatMap(({ review, day }) => allowedActions(review, day)));
  expect([...named].filter((action) => !(action in ATTEMPTS))).toEqual([]);
  expect(Object.values(Status).filter((s) => !situations.some(({ review }) => review.status === s))).toEqual([]);
});

it('refuses every disallowed action in every state with its state and allowed actions, changing nothing', async () => {
  const tried: string[] = [];
  for (const situation of situations) {
    const { review, day } = situation;
    const before = await schemaChecksums(fx.url, shanxi.name);
    for (const action of disallowedIn(situation)) {
      const error = await ATTEMPTS[action](review, day).then(() => new Error(`${action} accepted in ${situation.label}`), (e: unknown) => e);
      if (!(error instanceof DomainError)) throw error;
      expect({ situation: situation.label, action, code: error.code, ...error.extensions }).toMatchObject({
        situation: situation.label, action, code: 'INVALID_TRANSITION', currentState: review.status, allowedActions: allowedActions(review, day),
      });
      tried.push(`${situation.label}:${action}`);
    }
    expect(await schemaChecksums(fx.url, shanxi.name)).toEqual(before);
  }
  // RECEIVED 2, EXPERT_REVIEWED 2, notice running 3, notice ended 2, DESIGNATED 4, REJECTED 4
  expect(tried).toHaveLength(17);
  process.stdout.write(`disallowed (state, action) pairs tried, shanxi provincial review: ${tried.length}\n`);
});
