import { Client } from 'pg';

/**
 * Tables whose rows a refused request may still change, and why; every other table of every
 * service's database must keep its row count.
 */
export const CHANGE_ALLOWED: readonly { table: RegExp; why: string }[] = [
  { table: /(^|\.)inbox$/, why: 'consumers record the events they consumed, which the calls before published' },
  { table: /^identity\.tenant_audit_(log|anchors)$/, why: 'attempts are audited: a support user\'s refused call, a member\'s sensitive call before its outcome' },
  { table: /^privacy\.(usage_|tenant_usage)/, why: 'the gateway counts authorised calls per module for the usage statistics, whatever the service answers' },
];

/** Row counts of every table in each database, keyed `database.table`. */
export async function rowCounts(databases: Record<string, string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const [name, url] of Object.entries(databases)) {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const tables = (await db.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).rows;
      if (tables.length === 0) continue;
      const sql = tables.map(({ t }) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(' union all ');
      for (const row of (await db.query<{ t: string; n: number }>(sql)).rows) counts.set(`${name}.${row.t}`, row.n);
    } finally {
      await db.end();
    }
  }
  return counts;
}

/** Tables whose count differs, less those allowed to change. */
export function changed(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((key) => before.get(key) !== after.get(key))
    .filter((key) => !CHANGE_ALLOWED.some(({ table }) => table.test(key)))
    .map((key) => `${key}: ${before.get(key)} → ${after.get(key)}`);
}

/** Waits until the counts stop moving (earlier calls' events consumed, workers idle): three equal readings. */
export async function settledCounts(databases: Record<string, string>, timeoutMs = 60_000): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let last = await rowCounts(databases);
  let same = 0;
  while (same < 2) {
    if (Date.now() > deadline) throw new Error(`the databases did not settle: ${changed(last, await rowCounts(databases)).join(', ')}`);
    await new Promise((r) => setTimeout(r, 700));
    const now = await rowCounts(databases);
    same = changed(last, now).length === 0 ? same + 1 : 0;
    last = now;
  }
  return last;
}
