import type { NatsConnection } from '@nats-io/nats-core';
import { Client } from 'pg';
import { IDENTITY_STREAM } from '@homi/contracts';
import { streamEvents, type StreamEvent } from '@homi/testing';
import type { Harness } from './harness';

/**
 * Runs one query against the service's database as its owner, in a transaction that declares itself
 * cross-tenant: forced row-level security holds the owner too, and a test looks at every tenant.
 */
export async function sql<T = Record<string, unknown>>(h: Pick<Harness, 'databaseUrl'>, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: h.databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.all_tenants', 'on', true)`);
    const { rows } = await client.query(text, params);
    await client.query('commit');
    return rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Changes one audit row behind the chain's back, as the tables' owner with the append-only trigger
 * switched off for that moment only: `change` is the update's `set` clause (e.g. `action = 'x'`).
 */
export async function tamperWithAuditRow(h: Pick<Harness, 'databaseUrl'>, tenantId: string, seq: number, change: string): Promise<void> {
  await sql(h, 'alter table tenant_audit_log disable trigger tenant_audit_log_no_update_delete');
  try {
    await sql(h, `update tenant_audit_log set ${change} where tenant_id = $1 and seq = $2`, [tenantId, seq]);
  } finally {
    await sql(h, 'alter table tenant_audit_log enable trigger tenant_audit_log_no_update_delete');
  }
}

/** Row counts of identity's own tables, to show that a refused request changed nothing (one query). */
export async function tableCounts(h: Pick<Harness, 'databaseUrl'>): Promise<Record<string, number>> {
  const tables = [
    'users', 'tenants', 'memberships', 'privacy_statements', 'privacy_statement_acceptances', 'signups', 'outbox',
    'support_access_requests', 'support_access_notifications',
  ];
  // Audit rows copied from the shared AUDIT stream (other test runs publish there) are not this test's doing.
  const counts = tables.map((t) => `(select count(*)::int from ${t}) as ${t}`);
  counts.push('(select count(*)::int from tenant_audit_log where source_event_id is null) as tenant_audit_log');
  const [row] = await sql<Record<string, number>>(h, `select ${counts.join(', ')}`);
  return row ?? {};
}

export type { StreamEvent };

/** Identity events on `subject` published since `since` whose data `match`es, read with an ephemeral consumer. */
export const eventsSince = <T>(nc: NatsConnection, subject: string, since: Date, match: (data: T) => boolean, expected = 1, timeoutMs = 5000): Promise<StreamEvent<T>[]> =>
  streamEvents(nc, { stream: IDENTITY_STREAM.name, subject, since, match, expected, timeoutMs });

/** Waits until `check` holds, polling; throws with `what` after the timeout. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

/** Whether the identity provider lets this e-mail address and password log in. */
export async function canLogIn(issuer: string, email: string, password: string): Promise<boolean> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'homi-cli', username: email, password }),
  });
  return res.status === 200;
}
