import fs from 'node:fs';
import path from 'node:path';
import { runFaultDrill } from './fault-drill';
import { DRILL_FIGURES, figuresMarkdown } from './drill-figures';
import { rewriteGeneratedSection } from './generated-section';
import { ROOT } from './subgraph-list';
import { stopAllDrillClusters } from './drill-cluster';

/**
 * `npm run drill`: the fault drill with a larger load than the test's, on a PostgreSQL server of its own (never
 * the one `npm start` uses). Prints the figures and rewrites the figures section of RELIABILITY.md; exits 1 if a
 * guarantee broke. Options: --clients=N, --reads=N and --writes=N (answered per phase), --demo=registry,ningxia
 * (the subgraphs whose demo data is loaded; default all), --no-write (leave RELIABILITY.md alone),
 * --report=FILE (the whole report as JSON, which test/faults.test.ts reads).
 */
function option(name: string, fallback: number): number {
  const given = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = given ? Number(given.split('=')[1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const textOption = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function main() {
  const started = Date.now();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping the drill's processes and PostgreSQL`);
      void stopAllDrillClusters().finally(() => process.exit(1));
    });
  }
  const report = await runFaultDrill({
    clients: option('clients', 6),
    perPhase: { reads: option('reads', 60), writes: option('writes', 30) },
    demoSubgraphs: textOption('demo')?.split(','),
    progress: (line) => console.log(`[drill ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`),
  });
  const reportFile = textOption('report');
  if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
  const markdown = figuresMarkdown(report);
  console.log(`\n${markdown}\n`);
  if (!process.argv.includes('--no-write')) {
    const file = path.join(ROOT, 'RELIABILITY.md');
    rewriteGeneratedSection(file, DRILL_FIGURES, markdown);
    console.log(`Figures written to ${path.relative(process.cwd(), file) || file}`);
  }
  process.exit(report.violations.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
