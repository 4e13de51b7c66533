import { Client } from 'pg';
import { OwnerResultReported, RequestCommanded, RequestDeadlineApproaching, RequestExtended } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { newId } from '@homi/service-kit';
import { schedulerTick } from '../src/application/scheduler-tick';
import { auditTrail, verifyAuditChains } from '../src/infrastructure/audit-trail';
import { messagesOn } from './events';
import { startedAroundAll } from '@homi/testing';
import { as, DAY, eventually, flowSettled, user, type Harness } from './harness';
import { startWithTwoOwners, type TestOwner } from './owners';

let h: Harness;
let records: TestOwner;
let ledger: TestOwner;
const operator = user({ realmRoles: ['operator'] });

startedAroundAll(() => startWithTwoOwners(), (started) => ({ h, records, ledger } = started));

type Owner = { owner: string; status: string; attempts: number; error: string | null };
const view = async (api: ReturnType<typeof as>, id: string) => (await api.get(`/requests/${id}`)).body as { status: string; dueAt: string; owners: Owner[]; extension: unknown; report: unknown[] };
const ownerOf = (body: { owners: Owner[] }, name: string) => body.owners.find((o) => o.owner === name)!;
const actions = async (id: string) => (await auditTrail(h.service.orm.em.fork(), id)).map((e) => e.action);
const eventsFor = async <T extends { requestId: string }>(subject: string, id: string, n: number) =>
  eventually(async () => {
    const found = await messagesOn<T>(h.js, subject, (d) => d.requestId === id);
    return found.length >= n && found;
  }, 10_000, `${n} × ${subject}`);

describe('a silent owner', () => {
  const me = user();
  let id: string;

  it('keeps the request open, shows the owner, and is commanded again with a new message', async () => {
    await ledger.stop();
    const api = as(h, me);
    id = (await api.post('/requests', { type: 'erasure', subject: { kind: 'self' } })).body.id;
    const body = await eventually(async () => {
      const b = await view(api, id);
      return ownerOf(b, 'salon-records')?.status === 'completed' && b;
    });
    expect(body.status).toBe('in_progress');
    expect(ownerOf(body, 'ledger')).toMatchObject({ status: 'pending', attempts: 1 });

    expect((await schedulerTick(h.service.deps)).recommanded).toBe(0);
    h.clock.advance(11 * 60_000);
    expect((await schedulerTick(h.service.deps)).recommanded).toBe(1);
    const again = await view(api, id);
    expect(ownerOf(again, 'ledger').attempts).toBe(2);
    expect(ownerOf(again, 'salon-records').attempts).toBe(1);
    const commands = await eventsFor<{ requestId: string; owners: string[]; attempt: number }>(RequestCommanded.subject, id, 2);
    expect(commands.map((c) => [c.data.owners, c.data.attempt])).toEqual([[['ledger', 'salon-records'], 1], [['ledger'], 2]]);
    expect(new Set(commands.map((c) => c.id)).size).toBe(2);
  });

  it('is reminded about 7 days before the deadline and escalated 3 days before, once each', async () => {
    const api = as(h, me);
    const due = new Date((await view(api, id)).dueAt).getTime();
    h.clock.advance(due - 7 * DAY - h.clock.now().getTime() + 60_000);
    expect((await schedulerTick(h.service.deps)).reminders).toBe(1);
    expect((await schedulerTick(h.service.deps)).reminders).toBe(0);
    h.clock.advance(4 * DAY);
    const tick = await schedulerTick(h.service.deps);
    expect(tick.escalations).toBe(1);
    expect((await schedulerTick(h.service.deps)).escalations).toBe(0);
    const warnings = await eventsFor<{ requestId: string; level: string; silentOwners: string[] }>(RequestDeadlineApproaching.subject, id, 2);
    expect(warnings.map((w) => [w.data.level, w.data.silentOwners])).toEqual([['reminder', ['ledger']], ['escalation', ['ledger']]]);
    expect((await view(api, id)).status).toBe('in_progress');
    expect(await actions(id)).toEqual(expect.arrayContaining(['deadline.reminder', 'deadline.escalation']));
  });

  it('is warned again before a deadline moved by an extension', async () => {
    const api = as(h, me);
    const extended = await as(h, operator).post(`/requests/${id}/extension`, { reason: 'An owner is being migrated this month.', months: 1 });
    expect(extended.status).toBe(200);
    expect((await schedulerTick(h.service.deps)).reminders).toBe(0);
    const due = new Date((await view(api, id)).dueAt).getTime();
    h.clock.advance(due - 7 * DAY - h.clock.now().getTime() + 60_000);
    const tick = await schedulerTick(h.service.deps);
    expect([tick.reminders, tick.escalations]).toEqual([1, 0]);
  });

  it('completes once the owner answers, and commands delivered several times change nothing more', async () => {
    await ledger.start();
    const api = as(h, me);
    const body = await eventually(async () => {
      const b = await view(api, id);
      return b.status === 'completed' && b;
    });
    expect(ownerOf(body, 'ledger').status).toBe('completed');
    await flowSettled(h, [records, ledger], 'commands delivered again');
    expect((await view(api, id)).report).toEqual(body.report);
    expect(await verifyAuditChains(h.service.orm.em.fork(), id)).toMatchObject({ ok: true });
  });
});

describe('a failing owner', () => {
  it('is shown as failed and commanded again until it succeeds', async () => {
    const api = as(h, user());
    records.mode = 'fail';
    const id = (await api.post('/requests', { type: 'erasure', subject: { kind: 'self' } })).body.id;
    const failed = await eventually(async () => {
      const b = await view(api, id);
      return ownerOf(b, 'salon-records')?.status === 'failed' && b;
    });
    expect(failed.status).toBe('in_progress');
    expect(ownerOf(failed, 'salon-records').error).toBe('Error');
    records.mode = 'ok';
    h.clock.advance(11 * 60_000);
    await schedulerTick(h.service.deps);
    const done = await eventually(async () => {
      const b = await view(api, id);
      return b.status === 'completed' && b;
    });
    expect(ownerOf(done, 'salon-records')).toMatchObject({ status: 'completed', attempts: 2, error: null });
  });
});

describe('duplicates', () => {
  it('a command delivered again and a result reported again leave the outcome as it was', async () => {
    const me = user();
    const api = as(h, me);
    await records.seed({ kind: 'user', userId: me.userId }, 'client-profile', { name: 'Kees' });
    const id = (await api.post('/requests', { type: 'erasure', subject: { kind: 'self' } })).body.id;
    const before = await eventually(async () => {
      const b = await view(api, id);
      return b.status === 'completed' && b;
    });
    expect(before.report).toEqual(expect.arrayContaining([expect.objectContaining({ owner: 'salon-records', category: 'client-profile', records: 1 })]));
    const [command] = await eventsFor<RequestCommanded>(RequestCommanded.subject, id, 1);
    await publish(h.js, RequestCommanded, { ...command!.data, attempt: 7 }, { msgId: newId('msg') });
    // The second run erases nothing (reports 0): recorded as a late answer, the report keeps the first.
    await eventually(async () => (await actions(id)).includes('owner.result.late'), 10_000, 'late result audited');
    const results = await eventsFor<OwnerResultReported>(OwnerResultReported.filter, id, 4);
    await flowSettled(h, [records, ledger], 'the late result');
    const trail = (await actions(id)).length;
    const first = results.find((r) => r.data.owner === 'ledger')!;
    await publish(h.js, OwnerResultReported.forOwner('ledger'), first.data, { msgId: first.id });
    await publish(h.js, OwnerResultReported.forOwner('ledger'), first.data, { msgId: newId('msg') });
    await flowSettled(h, [records, ledger], 'results reported again');
    const after = await view(api, id);
    expect(after.report).toEqual(before.report);
    expect(after.status).toBe('completed');
    expect((await actions(id)).length).toBe(trail);
  });
});

describe('extending the deadline', () => {
  it('is for the controller only, once, before the deadline, with a reason, and tells the requester', async () => {
    await ledger.stop();
    const me = user();
    const api = as(h, me);
    const id = (await api.post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id;
    const due = new Date((await view(api, id)).dueAt);
    const reason = 'Many records across several systems need review.';
    expect((await api.post(`/requests/${id}/extension`, { reason, months: 1 })).status).toBe(403);
    expect((await as(h, user()).post(`/requests/${id}/extension`, { reason, months: 1 })).status).toBe(404);
    const officer = as(h, operator);
    expect((await officer.post(`/requests/${id}/extension`, { reason: 'too short', months: 1 })).status).toBe(400);
    expect((await officer.post(`/requests/${id}/extension`, { reason, months: 3 })).status).toBe(400);
    const ok = await officer.post(`/requests/${id}/extension`, { reason, months: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body.extension).toMatchObject({ months: 2, reason, extendedBy: operator.userId });
    const newDue = new Date(ok.body.dueAt);
    expect(newDue.getUTCMonth()).toBe((due.getUTCMonth() + 2) % 12);
    expect((await officer.post(`/requests/${id}/extension`, { reason, months: 1 })).status).toBe(409);
    const [event] = await eventsFor<{ requestId: string; requesterId: string; dueAt: string }>(RequestExtended.subject, id, 1);
    expect(event!.data).toMatchObject({ requesterId: me.userId, dueAt: newDue.toISOString() });
    const db = new Client({ connectionString: h.databaseUrl });
    await db.connect();
    const { rows } = await db.query('select user_id, kind, data from notifications where request_id = $1', [id]);
    await db.end();
    expect(rows).toEqual([{ user_id: me.userId, kind: 'request-extended', data: { dueAt: newDue.toISOString(), months: 2, reason } }]);

    const tenantId = newId('ten');
    const admin = as(h, user({ tenantId, role: 'owner' }));
    const forClient = (await admin.post('/requests', { type: 'erasure', subject: { kind: 'client', tenantId, clientId: newId('cli') } })).body.id;
    expect((await admin.post(`/requests/${forClient}/extension`, { reason, months: 1 })).status).toBe(200);

    const late = (await api.post('/requests', { type: 'erasure', subject: { kind: 'self' } })).body.id;
    h.clock.advance(29 * DAY);
    expect((await officer.post(`/requests/${late}/extension`, { reason, months: 1 })).status).toBe(409);
    // The records owner's answer recorded first: a tick skips a request another transaction holds
    // locked (recording that answer), which under load made this tick see nothing to escalate.
    await eventually(async () => ownerOf(await view(api, late), 'salon-records')?.status === 'completed');
    const reminded = await schedulerTick(h.service.deps);
    expect(reminded.escalations).toBeGreaterThanOrEqual(1);
    expect((await view(api, late)).status).not.toBe('completed');
    await ledger.start();
  });
});
