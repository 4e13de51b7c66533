import { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CategoryResult, RequestCommanded } from '@homi/contracts';
import { queryEach } from '@homi/service-kit';

/**
 * An owner's answer to erasure and rectification commands, kept per request (ADR 58): the
 * cumulative effect of every run of that request's command. A command that arrives again (privacy
 * re-asks an owner whose answer it has not read yet, e.g. after a crash) runs again — it may find
 * something new — and answers the total so far, never a lone "nothing left" that could reach
 * privacy before the first answer does. Request ids and counts only: no personal data.
 */
export const OWNER_ANSWERS_SQL = `
create table if not exists "privacy_owner_answers" (
  "request_id" text not null,
  "type" text not null,
  "results" jsonb not null,
  "answered_at" timestamptz not null,
  constraint "privacy_owner_answers_pkey" primary key ("request_id", "type")
);
create index if not exists "privacy_owner_answers_answered_at_index" on "privacy_owner_answers" ("answered_at");
`;

export class OwnerAnswersMigration extends Migration {
  override up(): void {
    this.addSql(OWNER_ANSWERS_SQL);
  }

  override down(): void {
    this.addSql('drop table if exists "privacy_owner_answers";');
  }
}

/** The entry a service's migrations list holds right after `retentionMigration`. */
export const ownerAnswersMigration = {
  name: 'Migration00000000000002_privacy_owner_answers',
  class: OwnerAnswersMigration,
} as const;

/** Longer than any request lives (a month, extended by at most two, then its late answers). */
export const OWNER_ANSWER_RETENTION_DAYS = 180;

const EFFECTS = new Set<CategoryResult['action']>(['erased', 'anonymised', 'rectified']);

/**
 * The total of two runs of one command: effects add up, what was kept counts once (the largest
 * seen), and "nothing to do" stays only for a category nothing else was reported for.
 */
export function cumulativeResults(before: readonly CategoryResult[], run: readonly CategoryResult[]): CategoryResult[] {
  const total = before.map((r) => ({ ...r }));
  for (const r of run) {
    const same = total.find((t) => t.category === r.category && t.action === r.action);
    if (!same) total.push({ ...r });
    else if (EFFECTS.has(r.action)) same.records += r.records;
    else Object.assign(same, { ...r, records: Math.max(same.records, r.records) });
  }
  return total.filter((r) => r.action !== 'none' || !total.some((t) => t.category === r.category && t.action !== 'none'));
}

type Remembered = Exclude<RequestCommanded['type'], 'access'>;

/**
 * Runs `act` for one request's command with the runs before it taken into account: serialised per
 * request (a transaction-scoped advisory lock), its results added to the stored total, the total
 * stored and returned — all in `em`'s transaction, so a rolled-back run leaves no answer behind.
 */
export async function answerCumulatively(
  em: EntityManager,
  command: { requestId: string; type: Remembered },
  now: Date,
  act: () => Promise<CategoryResult[]>,
): Promise<CategoryResult[]> {
  // One round trip: the lock, then the stored answer as it is once the lock is held (ADR 73).
  const [, answers] = await queryEach(em, [
    { sql: 'select pg_advisory_xact_lock(hashtext(?))', params: [`privacy-owner-answer:${command.requestId}`] },
    { sql: 'select results from privacy_owner_answers where request_id = ? and type = ?', params: [command.requestId, command.type] },
  ]);
  const stored = answers?.[0] as { results: CategoryResult[] } | undefined;
  const total = cumulativeResults(stored?.results ?? [], await act());
  // The answers past their retention go in the same statement (one round trip, not two); never this
  // request's own row, which the upsert writes: one statement must not change a row twice.
  await em.execute(
    `with expired as (
       delete from privacy_owner_answers where answered_at < ?::timestamptz - make_interval(days => ?) and request_id <> ?
     )
     insert into privacy_owner_answers (request_id, type, results, answered_at) values (?, ?, ?::jsonb, ?)
     on conflict (request_id, type) do update set results = excluded.results, answered_at = excluded.answered_at`,
    [now, OWNER_ANSWER_RETENTION_DAYS, command.requestId, command.requestId, command.type, JSON.stringify(total), now], 'run',
  );
  return total;
}
