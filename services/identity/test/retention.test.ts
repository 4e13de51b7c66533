import type { MikroORM } from '@mikro-orm/postgresql';
import { Writable } from 'node:stream';
import { jetstream } from '@nats-io/jetstream';
import { PRIVACY_STREAM, RetentionPurged } from '@homi/contracts';
import { ensureStream, messagingEntities } from '@homi/messaging';
import { runRetention, type CategoryRun } from '@homi/privacy-kit';
import { createLogger, createOrm, inAllTenantsTransaction } from '@homi/service-kit';
import { verifyAuditCommand } from '../src/cli/verify-audit-command';
import { appendAudit } from '../src/infrastructure/audit-log';
import { identityEntities } from '../src/infrastructure/schema';
import { declaration } from '../src/privacy';
import { retentionPolicies } from '../src/retention';
import { as, ownerOf, startIdentity, type Harness } from './harness';
import { signUp } from './fixtures';
import { accessRequest, asSupport, movableClock, supportPaths as paths, supportUser } from './support-fixtures';
import { eventually, sql, tamperWithAuditRow } from './support';
import { privacyStreamIds } from './retention-support';

// Moves the service's clock past each declared period (sign-ups P1D, support access P1Y after its end,
// audit entries P2Y): exactly the expired rows go, the rest stays, the audit chains still verify, and
// running again, or on two replicas at once, changes and reports nothing more.
const DAY = 86_400_000;
const clock = movableClock();
const goTo = (days: number, hours = 0) => {
  clock.reset();
  clock.advance(days * DAY + hours * 3600_000);
};
const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

let h: Harness;
let replica: MikroORM;
let A: { userId: string; tenantId: string };
let B: { userId: string; tenantId: string };
const C = 'ten_retentionc0000001';
beforeAll(async () => {
  h = await startIdentity({ clock: clock.now });
  // The privacy service owns the stream the reports go to; on a NATS no privacy test has touched yet it is made here.
  await ensureStream(await jetstream(h.nc).jetstreamManager(), PRIVACY_STREAM);
  // The sign-up sweeper is left out of the timeline: the test decides when an attempt is pending.
  await h.service.reconciler.stop();
  replica = await createOrm({ clientUrl: h.databaseUrl, entities: [...identityEntities, ...messagingEntities], migrations: [] });
});
afterAll(async () => {
  await replica?.close();
  await h?.stop();
});

const run = async () => Object.fromEntries((await h.service.housekeeping.retention.runOnce()).map((r: CategoryRun) => [r.category, r.purged]));
const audit = (tenantId: string, action: string, at = clock.now()) =>
  inAllTenantsTransaction(h.service.orm, (em) => appendAudit(em, { tenantId, at, actor: { kind: 'system' }, action, details: {} }));
const chain = async (tenantId: string) =>
  (await sql<{ seq: string; action: string }>(h, 'select seq, action from tenant_audit_log where tenant_id = $1 order by seq', [tenantId])).map((r) => [Number(r.seq), r.action]);
const reports = async () =>
  (await sql<{ id: string; payload: unknown }>(h, 'select id, payload from outbox where subject = $1 order by created_at, id', [RetentionPurged.subject]))
    .map((r) => ({ id: r.id, ...RetentionPurged.schema.parse(r.payload) }));
const verify = async () => {
  const lines: string[] = [];
  const code = await verifyAuditCommand({ IDENTITY_DATABASE_URL: h.databaseUrl }, (l) => void lines.push(l));
  return { code, output: lines.join('') };
};
const auditRows = async () => Number((await sql<{ n: string }>(h, 'select count(*) as n from tenant_audit_log'))[0]?.n);

describe('identity retention', () => {
  const requests: Record<string, string> = {};
  const asOwner = () => as(h, ownerOf(A.userId, A.tenantId));
  const ask = async (name: string) => (requests[name] = (await asSupport(h, supportUser()).post(paths.requests, accessRequest(h, A.tenantId))).body.id);
  const decide = (name: string, what: 'approve' | 'deny' | 'revoke') => asOwner().post(paths.decide(A.tenantId, requests[name] as string, what));

  it('forgets inbox rows only once no consumed stream can redeliver them', async () => {
    const at = (days: number) => new Date(clock.now().getTime() - days * DAY);
    for (const [id, days] of [['past-max-age', 31], ['inside-max-age', 29]] as const) {
      await sql(h, `insert into inbox (consumer, message_id, subject, received_at) values ('identity-audit-log', $1, 'audit.x', $2)`, [id, at(days)]);
    }
    const liveRows = async () =>
      (await sql<{ consumer: string; message_id: string }>(h, 'select consumer, message_id from inbox where message_id not like $1', ['%-max-age'])).map((r) => `${r.consumer} ${r.message_id}`);
    const live = await liveRows();
    const result = await h.service.housekeeping.messaging.runOnce();
    expect(result).toMatchObject({ deleted: 1 });
    expect((await sql<{ message_id: string }>(h, `select message_id from inbox where message_id like '%-max-age'`)).map((r) => r.message_id)).toEqual(['inside-max-age']);
    // Every other row is still there. (The running service may add rows meanwhile: it consumes the
    // shared audit stream, which other test files publish to, so the count alone is no measure.)
    expect(await liveRows()).toEqual(expect.arrayContaining(live));
  });

  it('after a day, deletes the finished sign-ups and leaves one still pending to the sweeper', async () => {
    goTo(0);
    A = await signUp(h.server);
    B = await signUp(h.server);
    await sql(h, `insert into signups (id, email, tenant_id, user_id, status, failure, created_at, updated_at)
      values ('sgn_failed00000001', null, 'ten_failed00000001', null, 'failed', 'create-account-failed', $1, $1),
             ('sgn_pending0000001', 'halverwege@example.nl', 'ten_pending0000001', null, 'pending', null, $1, $1)`, [clock.now()]);
    goTo(0, 23);
    expect(await run()).toEqual({ 'pending-signups': 0, invitations: 0, 'support-access': 0, 'tenant-audit-log': 0 });
    goTo(1, 1);
    expect(await run()).toEqual({ 'pending-signups': 3, invitations: 0, 'support-access': 0, 'tenant-audit-log': 0 });
    expect(await sql(h, 'select id, email from signups')).toEqual([{ id: 'sgn_pending0000001', email: 'halverwege@example.nl' }]);
  });

  it('a year after they end, deletes denied, expired and revoked support requests with their notifications; open ones and active grants stay', async () => {
    goTo(2);
    await ask('denied');
    await decide('denied', 'deny');
    await ask('revoked');
    await decide('revoked', 'approve');
    await decide('revoked', 'revoke');
    await ask('unanswered');
    goTo(2, 13);
    await h.service.expiry.runOnce(); // 'unanswered' expires now
    await ask('open');
    await ask('active');
    await decide('active', 'approve');
    await audit(B.tenantId, 'test.old');
    await audit(C, 'test.old');
    await audit(C, 'test.old');

    goTo(372);
    await ask('recent');
    await decide('recent', 'deny');
    await audit(B.tenantId, 'test.recent');
    // A gateway event that arrives late: older than the entry before it in the chain.
    await audit(B.tenantId, 'test.late', new Date(clock.now().getTime() - 366 * DAY));
    expect(await run()).toEqual({ 'pending-signups': 0, invitations: 0, 'support-access': 3, 'tenant-audit-log': 0 });

    const left = await sql<{ id: string }>(h, 'select id from support_access_requests order by id');
    expect(left.map((r) => r.id).sort()).toEqual([requests.open, requests.active, requests.recent].sort());
    const notified = await sql<{ request_id: string }>(h, 'select distinct request_id from support_access_notifications');
    expect(notified.map((r) => r.request_id).sort()).toEqual([requests.open, requests.active, requests.recent].sort());
  });

  it('after two years, purges each tenant\'s oldest audit entries in order, and every chain still verifies', async () => {
    const aBefore = await chain(A.tenantId);
    const total = await auditRows();
    goTo(740);
    const purged = await run();

    // The 'recent' request was denied a year ago by now, too.
    expect(purged).toEqual({ 'pending-signups': 0, invitations: 0, 'support-access': 1, 'tenant-audit-log': total - (await auditRows()) });
    // Only the 'recent' request's two entries are younger than two years in A; B keeps the late entry behind its recent one.
    expect(await chain(A.tenantId)).toEqual(aBefore.slice(-2));
    expect(aBefore.slice(-2).map(([, action]) => action)).toEqual(['support-access.requested', 'support-access.denied']);
    expect(await chain(B.tenantId)).toEqual([[2, 'test.recent'], [3, 'test.late']]);
    expect(await chain(C)).toEqual([]);
    expect(await sql(h, 'select tenant_id, seq::int from tenant_audit_anchors where tenant_id = any($1) order by seq', [[A.tenantId, B.tenantId, C]]))
      .toEqual(expect.arrayContaining([{ tenant_id: B.tenantId, seq: 1 }, { tenant_id: C, seq: 2 }, { tenant_id: A.tenantId, seq: aBefore.length - 2 }]));
    expect((await verify()).code).toBe(0);

    // Appends continue each chain from where it stands, the emptied one from its anchor.
    await audit(C, 'test.after-purge');
    await audit(B.tenantId, 'test.after-purge');
    expect(await chain(C)).toEqual([[3, 'test.after-purge']]);
    expect(await verify()).toMatchObject({ code: 0, output: expect.stringMatching(/^ok: /) });
  });

  it('changes and reports nothing more when run again, and reported each category once', async () => {
    const before = await sql(h, 'select (select count(*) from signups) + (select count(*) from support_access_requests) + (select count(*) from tenant_audit_log) as n');
    expect(await run()).toEqual({ 'pending-signups': 0, invitations: 0, 'support-access': 0, 'tenant-audit-log': 0 });
    expect(await sql(h, 'select (select count(*) from signups) + (select count(*) from support_access_requests) + (select count(*) from tenant_audit_log) as n')).toEqual(before);
    const sent = await reports();
    expect(sent.map(({ category, records, action, period }) => ({ category, records, action, period }))).toEqual([
      { category: 'pending-signups', records: 3, action: 'erased', period: 'P1D' },
      { category: 'support-access', records: 3, action: 'erased', period: 'P1Y' },
      { category: 'support-access', records: 1, action: 'erased', period: 'P1Y' },
      { category: 'tenant-audit-log', records: expect.any(Number), action: 'erased', period: 'P2Y' },
    ]);
    expect(sent.every((r) => r.owner === 'identity')).toBe(true);
    await eventually(async () => (await privacyStreamIds(h.nc, sent.map((r) => r.id))).length === 4, 'the reports on the PRIVACY stream', 10_000);
  });

  it('lets only the purge delete audit rows, never out of order, and the verifier still names an altered remaining row', async () => {
    await expect(sql(h, 'delete from tenant_audit_log where tenant_id = $1', [B.tenantId])).rejects.toThrow(/append-only/);
    // Even with the purge's setting, a row that is not the oldest, or not past the cutoff, stays.
    const inPurge = (before: string, seq: number) =>
      `begin; select set_config('homi.audit_purge_before', '${before}', true); delete from tenant_audit_log where tenant_id = '${B.tenantId}' and seq = ${seq}; commit;`;
    await expect(sql(h, inPurge('2999-01-01', 3))).rejects.toThrow(/append-only/);
    await expect(sql(h, inPurge('2000-01-01', 2))).rejects.toThrow(/append-only/);
    await expect(sql(h, `update tenant_audit_anchors set seq = 99 where tenant_id = '${C}'`)).rejects.toThrow(/moves only with a purge/);
    expect(await chain(B.tenantId)).toEqual([[2, 'test.recent'], [3, 'test.late'], [4, 'test.after-purge']]);

    await tamperWithAuditRow(h, B.tenantId, 3, `action = 'test.altered'`);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.output).toContain(`BROKEN: tenant ${B.tenantId}, audit row seq 3: hash does not match`);
  });

  it('on two replicas at once deletes each record once and reports each category once', async () => {
    const earlier = (await reports()).length;
    for (let i = 0; i < 12; i++) {
      await audit(`ten_retentiond${String(i).padStart(7, '0')}`, 'test.bulk');
      await audit('ten_retentione0000001', 'test.bulk');
    }
    const total = await auditRows();
    goTo(2 + 5 * 366);
    const options = { logger: silent, declaration, policies: retentionPolicies, clock: clock.now, batchSize: 5 };
    const runs = await Promise.all([runRetention({ ...options, orm: h.service.orm }), runRetention({ ...options, orm: replica })]);

    const sum = (category: string) => runs.flat().filter((r) => r.category === category).reduce((n, r) => n + r.purged, 0);
    // 'open' and 'active' never finished, so they stay however old. Every audit row is past two years now.
    expect([sum('pending-signups'), sum('invitations'), sum('support-access'), sum('tenant-audit-log')]).toEqual([0, 0, 0, total]);
    expect(total).toBeGreaterThan(24);
    expect(await auditRows()).toBe(0);
    expect((await reports()).slice(earlier).map((r) => [r.category, r.records])).toEqual([['tenant-audit-log', total]]);
    await audit(B.tenantId, 'test.after-everything');
    expect(await verify()).toMatchObject({ code: 0 });
  });

  it('deletes invitations 30 days after they were decided or expired; open ones and recent ones stay', async () => {
    const now = clock.now().getTime();
    const at = (days: number) => new Date(now + days * DAY);
    const row = (id: string, status: string, expires: number, decided: number | null) =>
      sql(h, `insert into invitations (id, tenant_id, email, role, permissions, invited_by, token_hash, status, accepted_by, created_at, expires_at, decided_at)
              values ($1, $2, $1 || '@example.nl', 'staff', '{}', $3, $1, $4, $5, $6, $7, $8)`,
      [id, B.tenantId, B.userId, status, status === 'accepted' ? B.userId : null, at(-60), at(expires), decided === null ? null : at(decided)]);
    await row('ivt_retention0000001', 'accepted', -50, -31);
    await row('ivt_retention0000002', 'pending', 1, null);
    await row('ivt_retention0000003', 'pending', -31, null);
    await row('ivt_retention0000004', 'revoked', -20, -29);
    expect((await run()).invitations).toBe(2);
    expect((await sql<{ id: string }>(h, `select id from invitations where id like 'ivt_retention%' order by id`)).map((r) => r.id))
      .toEqual(['ivt_retention0000002', 'ivt_retention0000004']);
    expect((await run()).invitations).toBe(0);
  });
});
