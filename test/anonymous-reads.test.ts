import type { GraphQLUnionType } from 'graphql';
import { Role } from '@sme/kernel';
import { graphqlClient, tokenFor } from '@sme/testing';
import { FIELD_VISIBILITY, SIGNED_IN_FIELDS, duplicateClassifications } from './support/field-visibility';
import { mergeTallies, walk, type RootCall, type WalkTally } from './support/read-walk';
import { rootArguments } from './support/seeded-records';
import { variable } from './support/schema-walk';
import {
  BUDGET, apiSchema, because, coordinates, denied, exposed, isPublic, isRestricted, reachableFromQuery, startDemoSupergraph, summary, supergraphDefinition, walkRules,
  walkSupergraph,
} from './support/visibility-walks';

/**
 * SPEC §2: "Public data (admitted members, designations, public notices) is readable anonymously; figures,
 * contacts and survey respondents are not." On the demo data of every programme (loaded as `npm start` loads
 * it), every root field is called through the gateway with the seeded ids, years and codes, and every field of
 * every type reached is selected (five object levels deep, lists two to a page), anonymously. Who may read which
 * field is test/support/field-visibility.ts. The same walk then runs with tokens (SPEC §2 Roles and
 * jurisdiction): an analyst reads everything, restricted fields included; a Shandong province reviewer walking
 * the other provinces' records gets their restricted fields null or refused, as an anonymous caller does, and
 * reads what every signed-in caller reads. Last, each subgraph is asked directly, bypassing the gateway,
 * anonymously: `_entities` with representations of the seeded records must refuse the restricted fields there too.
 * One file, so the demo data is loaded once.
 */

/** Public fields the demo data never fills for an anonymous caller, and why. A field that starts coming back is to be struck. */
const PUBLIC_WITHOUT_VALUE: Record<string, string> = {
  ...because('set only while an application is returned for revision, when it is not public yet; resubmitting clears it', [
    'LibraryApplication.returnedStep', 'PlatformApplication.returnedStep', 'TaiyuanApplication.returnedStep',
  ]),
  ...because('nothing revokes a Shanxi provincial designation yet', ['ShanxiProvincialPlatform.revokedOn', 'ShanxiProvincialPlatform.revocationReason']),
  ...because('set only on a rejected review, which is not public', ['ShanxiProvincialReview.rejectionGround']),
};

/** Restricted fields the demo data never fills even for an analyst, and why. */
const RESTRICTED_WITHOUT_VALUE: Record<string, string> = {
  ...because('the demo data records no annual evaluation, major change, missed-report notice, objection or spot check', [
    ...['id', 'year', 'rating', 'comments', 'missedReports', 'overdueAppointments', 'evaluatedOn'].map((f) => `LibraryEvaluation.${f}`),
    ...['id', 'kind', 'changedOn', 'dueBy', 'reportedOn', 'late', 'description', 'verification', 'verifiedOn', 'verificationNote'].map((f) => `LibraryMajorChange.${f}`),
    ...['id', 'issuedOn', 'triggeredByDueOn', 'missedPeriods', 'text'].map((f) => `LibraryNotice.${f}`),
    ...['id', 'receivedOn', 'summary', 'status', 'decidedOn', 'decisionReason'].map((f) => `LibraryObjection.${f}`),
    ...['id', 'checkedOn', 'inspectors', 'findings', 'passed'].map((f) => `LibrarySpotCheck.${f}`),
  ]),
  ...because('the demo data returns or rejects no library or Taiyuan application, returns no platform application, rejects no provincial review', [
    'LibraryApplication.returnReason', 'LibraryApplication.rejectionReason', 'PlatformApplication.returnReason', 'TaiyuanApplication.returnReason',
    'TaiyuanApplication.rejectionReason', 'ShanxiProvincialReview.rejectionReason',
  ]),
  ...because('the demo bookings give no credit code, the demo reports no fax, website or ICP filing', [
    'ServiceAppointment.enterpriseCreditCode', 'TaiyuanApplicationReport.fax', 'TaiyuanApplicationReport.website', 'TaiyuanApplicationReport.icpFiling',
  ]),
  ...because('the demo data records no city inspection', [
    'id', 'designationId', 'cityCode', 'inspectedOn', 'findings', 'passed', 'requestStatus', 'requestDecidedOn', 'requestDecisionReason', 'version',
  ].map((f) => `PlatformInspection.${f}`)),
};

let running: Awaited<ReturnType<typeof startDemoSupergraph>>;
const reachable = reachableFromQuery(apiSchema);
const report: Record<string, unknown> = {};

beforeAll(async () => {
  running = await startDemoSupergraph();
}, 240_000);

afterAll(async () => {
  console.log(`anonymous and scoped reads: ${JSON.stringify(report)}`);
  await running?.stop();
});

describe('the field classification', () => {
  it('lists every field of the supergraph once, and nothing else', () => {
    const all = coordinates(apiSchema);
    expect(all.filter((c) => !FIELD_VISIBILITY[c])).toEqual([]);
    expect(Object.keys(FIELD_VISIBILITY).filter((c) => !all.includes(c))).toEqual([]);
    expect(duplicateClassifications()).toEqual([]);
    expect([...SIGNED_IN_FIELDS].filter((c) => !isRestricted(c))).toEqual([]);
    report.fields = { public: all.filter(isPublic).length, restricted: all.filter(isRestricted).length };
  });

  it('the walk calls every root field with seeded arguments', () => {
    const args = rootArguments(running.seed, () => true);
    expect(Object.keys(apiSchema.getQueryType()!.getFields()).filter((r) => !args[r]?.length)).toEqual([]);
  });
});

describe('through the gateway, anonymously', () => {
  it('no restricted field ever comes back, and every public field does somewhere', async () => {
    const tally = await walkSupergraph(running.seed, (d, v) => running.query(d, v), isPublic);
    report.anonymous = summary(tally, reachable);
    expect(tally.leaks).toEqual([]);
    expect(tally.unexpected).toEqual([]);
    // every restricted field whose parent came back was asked for on its own, and refused or null
    const tried = denied(tally);
    expect(exposed(tally, isRestricted, reachable).filter((c) => !tried.has(c))).toEqual([]);
    // and the walk really reached the public data
    const publicFields = [...reachable].filter(isPublic);
    expect(publicFields.filter((c) => !tally.valued.has(c) && !(c in PUBLIC_WITHOUT_VALUE))).toEqual([]);
    expect(Object.keys(PUBLIC_WITHOUT_VALUE).filter((c) => tally.valued.has(c))).toEqual([]);
  }, 180_000);
});

describe('with tokens, and at the subgraphs', () => {
  it('an analyst: the restricted fields come back', async () => {
    const tally = await walkSupergraph(running.seed, (d, v) => running.query(d, v, running.analyst), () => true);
    report.analyst = summary(tally, reachable);
    expect(tally.unexpected).toEqual([]);
    expect([...tally.refused.keys()]).toEqual([]);
    const restricted = [...reachable].filter(isRestricted);
    expect(restricted.filter((c) => !tally.valued.has(c) && !(c in RESTRICTED_WITHOUT_VALUE))).toEqual([]);
    expect(Object.keys(RESTRICTED_WITHOUT_VALUE).filter((c) => tally.valued.has(c))).toEqual([]);
  }, 180_000);

  it("a reviewer of another province: the restricted fields of the others' records are refused", async () => {
    const shandong = await tokenFor(Role.PROVINCE_REVIEWER, { region: '370000' });
    const readable = (c: string) => isPublic(c) || SIGNED_IN_FIELDS.has(c);
    const tally = await walkSupergraph(running.seed, (d, v) => running.query(d, v, shandong), readable, { accept: (province) => province !== '370000', probesPerField: 1 });
    report.otherProvince = summary(tally, reachable);
    expect(tally.leaks).toEqual([]);
    expect(tally.unexpected).toEqual([]);
    const tried = denied(tally);
    expect(exposed(tally, (c) => !readable(c), reachable).filter((c) => !tried.has(c))).toEqual([]);
    // the walk met the other provinces' records: their public fields came back
    const met = ['LibraryMembership', 'LibraryApplication', 'DemonstrationPlatform', 'PlatformApplication', 'TaiyuanApplication', 'ShanxiProvincialReview', 'PlatformSummaryDuty'];
    expect(met.filter((type) => !tally.typesSeen.has(type))).toEqual([]);
  }, 180_000);

  it('each subgraph, asked directly and anonymously, refuses the restricted fields of its entities', async () => {
    const tallies: WalkTally[] = [];
    const unclassified: string[] = [];
    const untried: string[] = [];
    /** Entity types a subgraph resolved none of the seeded representations of. */
    const unseen: string[] = [];
    const seed = running.seed;
    const representations: Record<string, (subgraph: string) => unknown[]> = {
      Institution: (subgraph) => [
        ...seed.institutions.map((i) => ({ __typename: 'Institution', id: i.id })),
        ...(subgraph === 'registry' ? seed.institutions.slice(0, 2).map((i) => ({ __typename: 'Institution', creditCode: i.creditCode })) : []),
      ],
      TaiyuanProvincialRecommendation: () => seed.taiyuanRecommendations.map((id) => ({ __typename: 'TaiyuanProvincialRecommendation', id })),
    };
    const entityTypes: string[] = [];
    for (const subgraph of supergraphDefinition.subgraphs()) {
      const schema = subgraph.schema.toGraphQLJSSchema();
      unclassified.push(...coordinates(schema).filter((c) => !c.startsWith('Query.') && !FIELD_VISIBILITY[c]));
      const readable = (c: string) => c === 'Query._entities' || isPublic(c);
      const send = graphqlClient(running.subgraphUrls[subgraph.name]);
      const own: WalkTally[] = [];
      for (const type of (schema.getType('_Entity') as GraphQLUnionType).getTypes().map((t) => t.name)) {
        entityTypes.push(`${subgraph.name}:${type}`);
        const roots: RootCall[] = [{
          coordinate: 'Query._entities', argumentSets: [{ representations: variable('representations') }],
          entity: { type, variables: { representations: representations[type](subgraph.name) }, definitions: '$representations: [_Any!]!' },
        }];
        const walked = await walk({ rules: walkRules(schema), send: (d, v) => send(d, v), roots, readable, budget: BUDGET });
        if (!walked.typesSeen.has(type)) unseen.push(`${subgraph.name}:${type}`);
        own.push(walked);
      }
      // what the subgraph showed of a type through one entity, it was asked for through it or another
      const tally = mergeTallies(own);
      const tried = denied(tally);
      untried.push(...exposed(tally, (c) => !readable(c) && !c.startsWith('Query.'), coordinates(schema)).filter((c) => !tried.has(c)).map((c) => `${subgraph.name}:${c}`));
      tallies.push(tally);
    }
    const tally = mergeTallies(tallies);
    report.entities = { entityTypes, ...summary(tally, new Set(coordinates(apiSchema))) };
    expect(entityTypes.sort()).toEqual([
      'hebei:Institution', 'ningxia:Institution', 'registry:Institution', 'shandong:Institution', 'shanxi:Institution',
      'shanxi:TaiyuanProvincialRecommendation', 'taiyuan:Institution', 'taiyuan:TaiyuanProvincialRecommendation',
    ]);
    expect(unclassified).toEqual([]);
    expect(tally.leaks).toEqual([]);
    expect(tally.unexpected).toEqual([]);
    expect(untried).toEqual([]);
    // the representations were real records: each subgraph resolved them and answered their public fields
    expect(unseen).toEqual([]);
    expect([...tally.valued].filter(isPublic).length).toBeGreaterThan(0);
  }, 180_000);
});
