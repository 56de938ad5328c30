import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, chinaToday, log, systemActor, type AuthUser } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { admitAfterNotice } from '../members/admission';
import { evaluateQuarterlyReports } from '../quarterly-reports/report-evaluation';

@Directive('@shareable')
@ObjectType('LibraryScheduleRun', { description: '每日核查结果 / Result of a daily schedule run' })
export class ScheduleRun {
  @Field(() => DateScalar, { description: '核查日期 / Date evaluated' }) asOf: string;
  @Field(() => Int, { description: '公示期满入库 / Admitted after their notice' }) admitted: number;
  @Field(() => Int, { description: '因连续 2 期未报送通报 / Notified for 2 missed periods' }) noticed: number;
  @Field(() => Int, { description: '因连续 3 期未报送移出 / Removed for 3 missed periods' }) removed: number;
}

/**
 * The daily duties of 第八条（四） and 第十条, judged for one date: admissions after the notice, then the
 * quarterly reports. Operators and tests replay any day with `asOf`; one transaction under an advisory lock,
 * so two replicas running the same day cannot both act.
 */
export async function runSchedule(em: EntityManager, config: LibraryConfig, asOf: string, actor: AuthUser = systemActor(`${config.name}-schedule`)): Promise<ScheduleRun> {
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`schedule:${config.name}`]);
    const admitted = await admitAfterNotice(tx, config, asOf, actor);
    const reports = await evaluateQuarterlyReports(tx, config, asOf, actor);
    const run: ScheduleRun = { asOf, admitted: admitted.length, noticed: reports.noticed.length, removed: reports.removed.length };
    await tx.execute(
      `insert into "${config.name}".schedule_runs (as_of, ran_at, summary) values (?, now(), ?) on conflict (as_of) do update set ran_at = now(), summary = excluded.summary`,
      [asOf, JSON.stringify(run)],
    );
    return run;
  });
}

/** Runs today's schedule when the process starts and again whenever China's date changes (checked every 10 minutes). */
export function startDailySchedule(orm: MikroORM, config: LibraryConfig, intervalMs = 10 * 60_000) {
  let lastRun: string | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    const today = chinaToday();
    if (running || today === lastRun) return;
    running = runSchedule(orm.em.fork(), config, today)
      .then((run) => {
        lastRun = today;
        log.info({ subgraph: config.name, ...run }, 'daily schedule ran');
      })
      .catch((error) => log.warn({ err: error, subgraph: config.name }, 'daily schedule failed; retrying at the next check'))
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
