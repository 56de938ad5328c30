import path from 'node:path';
import { spawn } from 'node:child_process';
import { REGISTRY_MIRROR_ENTITIES, openDatabase, systemActor } from '@sme/kernel';
import { SUBGRAPHS } from '@sme/devtools';
import { databaseWithLoaded, type GraphQLResult } from '@sme/testing';
import { ProvincialReview } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-review.entity';
import { ProvincialExpertReview } from '../../subgraphs/shanxi/src/provincial-platforms/expert-review.entity';
import { ProvincialDesignation } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-designation.entity';
import { ProvincialDecision } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-review-status';
import { decideProvincialPlatform, recordExpertReview, startProvincialNotice } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-review.service';

const ROOT = path.resolve(__dirname, '../..');

/** Runs one subgraph's compiled `setup.js --demo` (migrations, the events so far, demo data, its outbox relayed). */
function setup(dir: string, databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, [path.join(ROOT, dir, 'dist/src/setup.js'), '--demo'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${dir} setup exited with ${code}:\n${output}`))));
  });
}

/**
 * The demo data set of every programme, loaded as `npm start` loads it: each subgraph's setup, through its own
 * services (so every record has its history, audit entries and events). The province then decides on the
 * recommendations Taiyuan made to it, through its services: the 2023 one designated (the designation has since
 * expired), the 2026 one left in its public notice. Every kind of record is then in a state that the public and
 * the restricted reads can see.
 */
export async function loadDemoData(databaseUrl: string): Promise<void> {
  // the programmes learn the registry's institutions from its events and load theirs side by side; shanxi last,
  // so that it also takes in the recommendations Taiyuan made to the province
  const dir = (name: string) => SUBGRAPHS.find((s) => s.name === name)!.dir;
  await setup(dir('registry'), databaseUrl);
  await Promise.all(SUBGRAPHS.filter((s) => s.name !== 'registry' && s.name !== 'shanxi').map((subgraph) => setup(subgraph.dir, databaseUrl)));
  await setup(dir('shanxi'), databaseUrl);
  await provinceDecidesDemoRecommendations(databaseUrl);
}

/** A database holding the demo data set as `loadDemoData` loads it: loaded once in the run, copied for each file. */
export const demoDatabase = (): Promise<string> => databaseWithLoaded('demo', loadDemoData);

/**
 * The province's part of the demo, through its services: of the recommendations Taiyuan made to it, the 2023 one
 * designated (the designation has since expired), the 2026 one left in its public notice.
 */
export async function provinceDecidesDemoRecommendations(databaseUrl: string): Promise<void> {
  const orm = await openDatabase({
    schema: 'shanxi', entities: [ProvincialReview, ProvincialExpertReview, ProvincialDesignation, ...REGISTRY_MIRROR_ENTITIES], migrations: [], url: databaseUrl, poolMax: 2,
  });
  try {
    const actor = systemActor('demo-data-province');
    const panel = [{ name: '赵研究员', title: '研究员', organisation: '山西省中小企业发展研究院' }];
    const reviews = await orm.em.fork().find(ProvincialReview, {}, { orderBy: { campaignYear: 'asc', id: 'asc' } });
    if (reviews.length < 2) throw new Error(`shanxi received ${reviews.length} of Taiyuan's demo recommendations`);
    const [earlier, later] = reviews;
    await recordExpertReview(orm.em.fork(), actor, { reviewId: earlier.id, panel, opinion: '服务功能完善，符合省级示范平台条件', recommended: true, reviewedOn: '2023-05-05' }, '2023-05-05');
    await startProvincialNotice(orm.em.fork(), actor, { reviewId: earlier.id, startsOn: '2023-05-08' }, '2023-05-08');
    await decideProvincialPlatform(orm.em.fork(), actor, { reviewId: earlier.id, decision: ProvincialDecision.DESIGNATE }, '2023-05-16');
    await recordExpertReview(orm.em.fork(), actor, { reviewId: later.id, panel, opinion: '建议认定', recommended: true, reviewedOn: '2026-05-20' }, '2026-05-20');
    await startProvincialNotice(orm.em.fork(), actor, { reviewId: later.id, startsOn: '2026-05-25' }, '2026-05-25');
  } finally {
    await orm.close(true);
  }
}

/**
 * What the demo data leaves unset and the public reads show, done through the gateway as an operator would: a
 * registered address and legal representative per province, a Hebei member removed for falsified data (第十二条:
 * with its re-entry ban), a Shanxi offering withdrawn.
 */
export async function completeDemoData(send: (document: string, variables?: Record<string, unknown>) => Promise<GraphQLResult>): Promise<void> {
  const ok = async (document: string, variables?: Record<string, unknown>) => {
    const result = await send(document, variables);
    if (result.errors) throw new Error(`${document}: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const institutions = await ok('{ institutions(first: 100) { edges { node { id region { provinceCode } } } } }');
  const firstOfProvince = new Map<string, string>();
  for (const { node } of institutions.institutions.edges) if (!firstOfProvince.has(node.region.provinceCode)) firstOfProvince.set(node.region.provinceCode, node.id);
  const addresses: Record<string, string> = {
    '140000': '太原市小店区长治路 100 号', '130000': '石家庄市长安区中山东路 200 号', '370000': '济南市历下区经十路 300 号', '640000': '银川市金凤区北京中路 400 号',
  };
  for (const [province, id] of firstOfProvince) {
    await ok('mutation($id: ID!, $input: UpdateInstitutionInput!) { updateInstitution(id: $id, input: $input) { id } }', {
      id, input: { address: addresses[province], legalRepresentative: '王建国' },
    });
  }
  const members = await ok('{ hebeiLibraryMembers(first: 1) { edges { node { id } } } }');
  await ok('mutation($input: RemoveLibraryMemberInput!) { hebeiRemoveLibraryMember(input: $input) { id } }', {
    input: { memberId: members.hebeiLibraryMembers.edges[0].node.id, ground: 'DATA_FALSIFICATION', reason: '年度评价实地核查发现服务业绩造假', decidedOn: '2026-11-20' },
  });
  const offerings = await ok('{ shanxiLibraryOfferings(first: 1) { edges { node { id } } } }');
  await ok('mutation($id: ID!) { shanxiWithdrawLibraryOffering(id: $id) { id } }', { id: offerings.shanxiLibraryOfferings.edges[0].node.id });
}
