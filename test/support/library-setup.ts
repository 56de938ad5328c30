import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ReviewAction, openDatabase, systemActor } from '@sme/kernel';
import { MATERIALS, ReviewStep, ServiceNature, runSchedule, type LibraryConfig } from '@sme/resource-library';
import { LIBRARY_ENTITIES } from '../../packages/resource-library/src/library-entities';
import { libraryMigrations } from '../../packages/resource-library/src/migrations/library-tables';
import { attachMaterial, createApplication, reviewApplication, submitApplication } from '../../packages/resource-library/src/applications/application.service';
import { startPublicNotice } from '../../packages/resource-library/src/applications/public-notice.service';

/**
 * Preconditions that need past dates (a member admitted months ago) are made through the engine's own services
 * on the subgraph's schema, never by writing rows: what the test then checks goes through the gateway.
 */
export async function openLibrarySchema(databaseUrl: string, config: LibraryConfig): Promise<MikroORM> {
  return openDatabase({ schema: config.name, entities: LIBRARY_ENTITIES, migrations: libraryMigrations(config.name), url: databaseUrl, poolMax: 2 });
}

/** Waits until the library's process has learned the institutions from the registry's events. */
export async function waitUntilKnown(databaseUrl: string, schema: string, ids: string[], timeoutMs = 20_000): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query(`select count(*)::int as n from "${schema}".known_institutions where id = any($1::uuid[])`, [ids]);
      if (rows[0].n === ids.length) return;
      if (Date.now() > deadline) throw new Error(`${schema} learned ${rows[0].n} of ${ids.length} institutions`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}

/** The whole 第八条 path dated `on` (a past working day), admitted by the schedule after the notice. */
export async function admitThroughServices(orm: MikroORM, config: LibraryConfig, institutionId: string, on: string): Promise<string> {
  const actor = systemActor('test-setup');
  const year = Number(on.slice(0, 4)) - 1;
  const application = await createApplication(orm.em.fork(), config, actor, {
    institutionId, categories: [config.categories[0]], nature: ServiceNature.COMMERCIAL,
    declared: { year, seniorExperts: 11, relatedExperts: 21, partnerAgencies: 5, floorAreaOwned: 160, floorAreaRented: 0, totalAssets: 300, smesServed: 120, pointToPointServed: 12 },
    attestations: { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true },
  }, on);
  for (const m of MATERIALS.filter((x) => x.required)) {
    await attachMaterial(orm.em.fork(), actor, { applicationId: application.id, item: m.item, fileName: `${m.item}.pdf`, mediaType: 'application/pdf', sizeBytes: 2048, sha256: 'b'.repeat(64) });
  }
  await submitApplication(orm.em.fork(), config, actor, application.id, on);
  for (const step of [ReviewStep.COUNTY, ReviewStep.CITY, ReviewStep.PROVINCE]) await reviewApplication(orm.em.fork(), config, actor, { applicationId: application.id, step, action: ReviewAction.APPROVE }, on);
  const [noticed] = await startPublicNotice(orm.em.fork(), config, actor, { applicationIds: [application.id], startsOn: on }, on);
  const day = new Date(Date.parse(`${noticed.noticeEndsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await runSchedule(orm.em.fork(), config, day, actor);
  return application.id;
}
