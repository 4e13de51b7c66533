import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OwnerDeclaration, RetentionPurged } from '@homi/contracts';
import { enqueue, type Logger } from '@homi/messaging';
import { enterAllTenants, periodicJob } from '@homi/service-kit';
import { checkRetentionCoverage, retentionCutoff } from './retention-period';

export interface PurgeContext {
  /** The batch's transaction: write through `em.execute` / `em` so the purge commits with its count. */
  em: EntityManager;
  /** Records whose retention started before this are past their period. */
  cutoff: Date;
  /** Change at most this many records; fewer means nothing is left. */
  batchSize: number;
  now: Date;
}

/** How one declared category is enforced: what happens to a record past its period. */
export interface RetentionPolicy {
  category: string;
  action: 'erased' | 'anonymised';
  /**
   * Erases or anonymises at most `batchSize` records past `cutoff` and returns how many it changed.
   * Must be idempotent and count only rows it changed itself, e.g.
   * `delete … where id in (select id … where started_at < ? limit n for update skip locked) returning id`.
   */
  purge(ctx: PurgeContext): Promise<number>;
}

/**
 * A policy that erases across all tenants: its batch's transaction is opened to every tenant's rows
 * first (the owner is held to forced row-level security, ADR 4); `purge` returns how many it erased.
 */
export function erasedAcrossTenants(category: string, purge: (ctx: PurgeContext) => Promise<number>): RetentionPolicy {
  return {
    category,
    action: 'erased',
    async purge(ctx) {
      await enterAllTenants(ctx.em);
      return purge(ctx);
    },
  };
}

/**
 * A policy that erases across all tenants with one statement per batch, which returns one row for each
 * record it deleted or blanked itself (`… for update skip locked) returning id`).
 */
export function erasedByStatement(category: string, statement: (ctx: PurgeContext) => { sql: string; params: unknown[] }): RetentionPolicy {
  return erasedAcrossTenants(category, async (ctx) => {
    const { sql, params } = statement(ctx);
    const rows = await ctx.em.execute<unknown[]>(sql, params);
    return rows.length;
  });
}

export interface RetentionOptions {
  orm: MikroORM;
  logger: Logger;
  declaration: OwnerDeclaration;
  /** Run in this order (e.g. notes before the appointments holding them). */
  policies: readonly RetentionPolicy[];
  clock?: () => Date;
  batchSize?: number;
  /** Bounds one run per category; what is left waits for the next run. */
  maxBatchesPerRun?: number;
  /** After a batch that reported: e.g. wake the outbox relay. */
  afterReport?: () => void;
}

export interface CategoryRun {
  category: string;
  cutoff: Date;
  /** Records this run changed. */
  purged: number;
  /** Records reported in this run's event (may include an earlier, interrupted run's). */
  reported: number;
  /** Another replica held the category. */
  busy: boolean;
}

const STATE = 'retention_state';

/**
 * One retention run: for each policy in order, in batches of short transactions, erases or anonymises
 * what is past the category's declared period, and reports it once through the owner's outbox
 * (`privacy.retention.purged.v1`). Replicas running at once take turns per batch, keep the policies'
 * order and never report a record twice; a run that dies midway loses nothing (the next run reports
 * what it purged). Returns the categories it reached.
 */
export async function runRetention(opts: RetentionOptions, shouldStop: () => boolean = () => false): Promise<CategoryRun[]> {
  const declaration = OwnerDeclaration.parse(opts.declaration);
  checkRetentionCoverage(declaration, opts.policies.map((p) => p.category));
  const now = (opts.clock ?? (() => new Date()))();
  const batchSize = opts.batchSize ?? 500;
  const runs: CategoryRun[] = [];
  for (const policy of opts.policies) {
    const period = declaration.categories.find((c) => c.name === policy.category)!.retention.period!;
    const run: CategoryRun = { category: policy.category, cutoff: retentionCutoff(now, period), purged: 0, reported: 0, busy: false };
    runs.push(run);
    await opts.orm.em.fork().execute(`insert into ${STATE} (owner, category) values (?, ?) on conflict do nothing`, [declaration.owner, policy.category]);
    let finished = false;
    for (let batch = 0; batch < (opts.maxBatchesPerRun ?? 1000) && !finished && !shouldStop(); batch++) {
      const step = await purgeBatch(opts, declaration.owner, policy, period, run.cutoff, now, batchSize);
      if (step === 'busy') {
        run.busy = true;
        break;
      }
      run.purged += step.purged;
      run.reported += step.reported;
      if (step.reported) opts.afterReport?.();
      finished = step.purged < batchSize;
    }
    if (run.purged || run.reported) opts.logger.info({ owner: declaration.owner, ...run }, 'retention purge');
    // Policies depend on their order (a note goes before its appointment): a category not finished
    // here (another replica has it, the run was capped or stopped) holds back the ones after it.
    if (!finished) break;
  }
  return runs;
}

async function purgeBatch(opts: RetentionOptions, owner: string, policy: RetentionPolicy, period: string, cutoff: Date, now: Date, batchSize: number) {
  return opts.orm.em.fork().transactional(async (em) => {
    // Raw rows carry timestamps as text.
    const [state] = await em.execute<{ pending_records: number; pending_cutoff: string | null }[]>(
      `select pending_records, pending_cutoff from ${STATE} where owner = ? and category = ? for update skip locked`,
      [owner, policy.category],
    );
    if (!state) return 'busy' as const;
    const purged = await policy.purge({ em, cutoff, batchSize, now });
    const pending = state.pending_records + purged;
    const earlier = state.pending_cutoff ? new Date(state.pending_cutoff) : undefined;
    const latestCutoff = earlier && earlier > cutoff ? earlier : cutoff;
    if (purged < batchSize && pending > 0) {
      enqueue(em, RetentionPurged, { owner, category: policy.category, action: policy.action, records: pending, period, cutoff: latestCutoff.toISOString(), occurredAt: now.toISOString() });
      await em.execute(
        `update ${STATE} set pending_records = 0, pending_cutoff = null, last_run_at = ?, last_purge_at = ? where owner = ? and category = ?`,
        [now, now, owner, policy.category],
      );
      return { purged, reported: pending };
    }
    await em.execute(`update ${STATE} set pending_records = ?, pending_cutoff = ?, last_run_at = ? where owner = ? and category = ?`, [
      pending,
      pending > 0 ? latestCutoff : null,
      now,
      owner,
      policy.category,
    ]);
    return { purged, reported: 0 };
  });
}

export interface RetentionHandle {
  /** One run now (after the one under way, if any). */
  runOnce(): Promise<CategoryRun[]>;
  /** No further runs; the run under way stops after its current batch. */
  stop(): Promise<void>;
}

/**
 * Enforces an owner's declared retention on a schedule (hourly by default). Refuses to start when a
 * declared period has no purge job, so a declaration cannot promise what the code does not do.
 */
export function startRetention(opts: RetentionOptions & { intervalMs?: number }): RetentionHandle {
  checkRetentionCoverage(OwnerDeclaration.parse(opts.declaration), opts.policies.map((p) => p.category));
  let stopped = false;
  const job = periodicJob({ name: 'retention', intervalMs: opts.intervalMs ?? 3600_000, logger: opts.logger, work: () => runRetention(opts, () => stopped) }).start();
  return {
    runOnce: () => job.runOnce(),
    async stop() {
      stopped = true;
      await job.stop();
    },
  };
}
