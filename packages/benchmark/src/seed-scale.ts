import { parseArgs } from 'node:util';
import { ROOT, startProjectPostgres, type LocalDatabase } from '@sme/devtools';
import { migrateSubgraphs } from './scale-migrations';
import { DEFAULT_SEED, seedScale } from './scale-seed';
import { seedProgressReporter } from './seed-progress';

/**
 * `npm run seed:scale -- --institutions 100000 [--seed S]`: the deterministic scale data set, bulk-loaded into
 * DATABASE_URL, or into the database `sme_scale` of the embedded PostgreSQL `npm start` uses (same data folder and
 * port; the demo database `sme` is left alone). Migrates every subgraph first, then empties and loads.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { institutions: { type: 'string', default: '100000' }, seed: { type: 'string', default: DEFAULT_SEED } } });
  const institutions = Number(values.institutions);
  if (!Number.isInteger(institutions) || institutions < 1) throw new Error(`--institutions must be a positive whole number, got ${values.institutions}`);
  const started = Date.now();
  let local: LocalDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  try {
    if (!databaseUrl) ({ local, databaseUrl } = await startProjectPostgres(ROOT, 'sme_scale'));
    console.log(`Migrating every subgraph in ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
    let mark = Date.now();
    await migrateSubgraphs(databaseUrl);
    const seconds = () => `${((Date.now() - mark) / 1000).toFixed(1)} s`;
    console.log(`Migrated in ${seconds()}. Seeding ${institutions.toLocaleString('en-US')} institutions (seed ${values.seed})`);
    mark = Date.now();
    const progress = seedProgressReporter();
    const counts = await seedScale({
      databaseUrl, institutions, seed: values.seed, onProgress: progress.onProgress,
      onPlan: (plan) => {
        console.log(`Planned ${plan.tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en-US')} rows in ${plan.tables.length} tables in ${seconds()}`);
        mark = Date.now();
      },
    }).finally(() => progress.stop());
    console.log(`Written and analysed in ${seconds()}`);
    console.log('\nRows per table:');
    for (const [table, rows] of Object.entries(counts)) console.log(`  ${table.padEnd(45)} ${rows.toLocaleString('en-US').padStart(11)}`);
    const total = Object.values(counts).reduce((n, c) => n + c, 0);
    console.log(`  ${'total'.padEnd(45)} ${total.toLocaleString('en-US').padStart(11)}`);
    console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await local?.stop().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
