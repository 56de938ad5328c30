import { DomainError } from '@sme/kernel';
import { schemaChecksums } from '@sme/testing';
import { taiyuan } from '../src/server';
import { TaiyuanApplicationStatus as Status, TaiyuanStep, allowedActions } from '../src/applications/application-status';
import {
  declineApplication, designateApplication, recommendApplication, recordExpertReview, submitApplication, updateApplication,
} from '../src/applications/application.service';
import { DeclineAction } from '../src/applications/application.inputs';
import { TaiyuanApplication } from '../src/applications/application.entity';
import { SurveyMethod } from '../src/county-recommendations/survey';
import { ADMIN, PANEL, openTaiyuan, survey, type TaiyuanFixture } from './support/taiyuan-fixture';

/**
 * Every (state, action) pair Taiyuan's flow (并工信字〔2023〕26号 一.4) does not allow, derived from the machine's
 * data: the states are the status enum, the actions are everything `allowedActions` offers in any status. A record
 * is put into each status through the services; each disallowed action is attempted on it and must be
 * INVALID_TRANSITION carrying the current state and exactly what the machine allows there, with no table changed.
 */

const DAY = '2023-03-21'; // inside the 2023 call, so no deadline refusal can stand in for the transition's

let fx: TaiyuanFixture;
const byStatus = new Map<Status, TaiyuanApplication>();
const decline = (id: string, step: TaiyuanStep, action: DeclineAction) => declineApplication(fx.em(), ADMIN, { applicationId: id, step, action, reason: '材料需补充。' }, DAY);

beforeAll(async () => {
  fx = await openTaiyuan();
  const walked = async (until: 'DRAFT' | 'SUBMITTED' | 'COUNTY_RECOMMENDED' | 'EXPERT_REVIEWED' | 'DESIGNATED') => fx.walk(await fx.knowInstitution(), until);
  for (const status of [Status.DRAFT, Status.SUBMITTED, Status.COUNTY_RECOMMENDED, Status.EXPERT_REVIEWED, Status.DESIGNATED] as const) byStatus.set(status, await walked(status));
  for (const [status, from, step, action] of [
    [Status.RETURNED, Status.SUBMITTED, TaiyuanStep.COUNTY, DeclineAction.RETURN],
    [Status.COUNTY_REJECTED, Status.SUBMITTED, TaiyuanStep.COUNTY, DeclineAction.REJECT],
    [Status.REJECTED, Status.COUNTY_RECOMMENDED, TaiyuanStep.CITY, DeclineAction.REJECT],
  ] as const) {
    const application = await walked(from);
    await decline(application.id, step, action);
    byStatus.set(status, await fx.reload(application.id));
  }
}, 60_000);
afterAll(() => fx?.close());

/** One thing a caller can do to an application, and the machine's action names it performs. */
interface Attempt {
  name: string;
  performs: readonly string[];
  run(application: TaiyuanApplication): Promise<unknown>;
}

const ATTEMPTS: Attempt[] = [
  { name: 'UPDATE', performs: ['UPDATE'], run: (a) => updateApplication(fx.em(), ADMIN, a.id, { report: { postcode: '030006' } }, DAY) },
  // submitting a returned application is its resubmission
  { name: 'SUBMIT', performs: ['SUBMIT', 'RESUBMIT'], run: (a) => submitApplication(fx.em(), ADMIN, a.id, DAY) },
  {
    name: 'COUNTY_RECOMMEND', performs: ['COUNTY_RECOMMEND'],
    run: (a) => recommendApplication(fx.em(), ADMIN, { applicationId: a.id, methods: [SurveyMethod.VISIT], survey: survey(10), impactStatement: '带动作用明显。', opinion: '同意推荐。' }, DAY),
  },
  ...Object.values(TaiyuanStep).flatMap((step) =>
    Object.values(DeclineAction).map((action): Attempt => ({ name: `${step}_${action}`, performs: [`${step}_${action}`], run: (a) => decline(a.id, step, action) })),
  ),
  {
    name: 'RECORD_EXPERT_REVIEW', performs: ['RECORD_EXPERT_REVIEW'],
    run: (a) => recordExpertReview(fx.em(), ADMIN, { applicationId: a.id, panel: PANEL, opinion: '建议认定。', recommendsDesignation: true, reviewedOn: DAY }, DAY),
  },
  { name: 'DESIGNATE', performs: ['DESIGNATE'], run: (a) => designateApplication(fx.em(), ADMIN, { applicationId: a.id }, DAY) },
];

const STATES = Object.values(Status);
const isAllowed = (status: Status, attempt: Attempt) => attempt.performs.some((action) => allowedActions(status).includes(action));
const DISALLOWED = STATES.flatMap((status) => ATTEMPTS.filter((attempt) => !isAllowed(status, attempt)).map((attempt) => ({ status, attempt })));

it('has an attempt for every action the machine names, and a record in every state', () => {
  const named = new Set(STATES.flatMap((s) => allowedActions(s)));
  const covered = new Set(ATTEMPTS.flatMap((a) => a.performs));
  expect([...named].filter((action) => !covered.has(action))).toEqual([]);
  expect(STATES.filter((s) => byStatus.get(s)?.status !== s)).toEqual([]);
  // every attempt is allowed somewhere: none of them is refused for a reason of its own everywhere
  expect(ATTEMPTS.filter((attempt) => !STATES.some((s) => isAllowed(s, attempt))).map((a) => a.name)).toEqual([]);
});

it.each(STATES)('refuses every disallowed action from %s with its state and allowed actions', async (status) => {
  const application = byStatus.get(status)!;
  const pairs = DISALLOWED.filter((pair) => pair.status === status);
  expect(pairs.length).toBeGreaterThan(0);
  const before = await schemaChecksums(fx.url, taiyuan.name);
  for (const { attempt } of pairs) {
    const error = await attempt.run(application).then(() => new Error(`${attempt.name} accepted in ${status}`), (e: unknown) => e);
    if (!(error instanceof DomainError)) throw error;
    expect({ attempt: attempt.name, code: error.code, ...error.extensions }).toMatchObject({
      attempt: attempt.name, code: 'INVALID_TRANSITION', currentState: status, allowedActions: allowedActions(status),
    });
  }
  expect(await schemaChecksums(fx.url, taiyuan.name)).toEqual(before);
});

afterAll(() => {
  process.stdout.write(`disallowed (state, action) pairs tried, taiyuan: ${DISALLOWED.length} (${STATES.length} states × ${ATTEMPTS.length} actions)\n`);
});
