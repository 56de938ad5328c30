import { Role } from '@sme/kernel';
import { graphqlClient, tokenFor } from '@sme/testing';
import { failures, mutationsOf, runCase, type CaseSet, type CellOutcome, type MutationCase } from './support/authorization-matrix';
import { startSupergraph } from './support/supergraph';
import { registryCases } from './authorization/registry.cases';
import { taiyuanCases } from './authorization/taiyuan.cases';
import { shanxiProvincialCases } from './authorization/shanxi-provincial.cases';

/**
 * The authorization matrix (SPEC §2 Roles and jurisdiction) over the registry, Taiyuan's flow and the Shanxi
 * provincial review that receives it: every mutation, every role inside and outside its scope, through the
 * gateway and directly at the subgraph.
 */

/** The Mutation fields of this area as the committed supergraph lists them: registry's, taiyuan's, and shanxi's provincial review. */
function areaMutations(): string[] {
  return [...mutationsOf('REGISTRY'), ...mutationsOf('TAIYUAN'), ...mutationsOf('SHANXI').filter((name) => name.includes('Provincial'))].sort();
}

const AREA = areaMutations();

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
const sets: CaseSet[] = [];
const cases = (): MutationCase[] => sets.flatMap((s) => s.cases);

beforeAll(async () => {
  supergraph = await startSupergraph();
  // built side by side, each waiting on the event stream for its own records; what was built is closed even if one fails
  const built = await Promise.allSettled([registryCases, taiyuanCases, shanxiProvincialCases].map((factory) => factory(supergraph)));
  for (const result of built) if (result.status === 'fulfilled') sets.push(result.value);
  for (const result of built) if (result.status === 'rejected') throw result.reason;
}, 180_000);

afterAll(async () => {
  for (const set of sets) await set.close();
  await supergraph?.stop();
});

it('has a case for every mutation of the area, and none outside it', () => {
  expect([...new Set(cases().map((c) => c.mutation))].sort()).toEqual(AREA);
});

it.each(AREA)('%s', async (mutation) => {
  const own = cases().filter((c) => c.mutation === mutation);
  expect(own.length).toBeGreaterThan(0);
  const outcomes: CellOutcome[] = [];
  for (const testCase of own) outcomes.push(...(await runCase(supergraph, testCase)));
  expect(failures(outcomes)).toEqual([]);
}, 60_000);

it('refuses a caller who may not act at the step named before telling where the application waits', async () => {
  // declineTaiyuanApplication names its step; the county case prepares an application waiting at the county
  const countyStep = cases().find((c) => c.mutation === 'declineTaiyuanApplication' && c.allowed.includes('COUNTY_REVIEWER:in'))!;
  const target = await countyStep.prepare();
  const atCityStep = { input: { ...(target.variables.input as object), step: 'CITY' } };
  const county = await tokenFor(Role.COUNTY_REVIEWER, { region: target.regionCode });
  const analyst = await tokenFor(Role.ANALYST);
  const city = await tokenFor(Role.CITY_REVIEWER, { region: '140100' });
  for (const url of [supergraph.gatewayUrl, supergraph.subgraphUrls.taiyuan]) {
    const query = graphqlClient(url);
    for (const token of [county, analyst]) {
      const refused = await query(countyStep.document, atCityStep, token);
      expect([url, refused.errors?.[0].extensions.code]).toEqual([url, 'FORBIDDEN']);
      expect(refused.errors?.[0].extensions.currentState).toBeUndefined();
    }
    // the city, who acts at the city step, is told the application waits elsewhere
    const told = await query(countyStep.document, atCityStep, city);
    expect(told.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'SUBMITTED' });
  }
});
