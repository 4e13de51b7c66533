import { verifyAuditChains } from '../src/infrastructure/audit-trail';
import { startedAroundAll } from '@homi/testing';
import { as, eventually, user, type Harness } from './harness';
import { startWithTwoOwners, type TestOwner } from './owners';

// Short retry and scheduler intervals: here the service must finish on its own after a restart.
let h: Harness;
let ledger: TestOwner;

startedAroundAll(() => startWithTwoOwners({ RETRY_AFTER_MS: '1000', SCHEDULER_INTERVAL_MS: '200' }), (started) => ({ h, ledger } = started));

describe('a privacy service stopped in the middle of a request', () => {
  it('completes the request after it is started again, though an owner failed to upload meanwhile', async () => {
    const me = user();
    await ledger.seed({ kind: 'user', userId: me.userId }, 'invoices', { number: 'F-9' });
    let release = () => {};
    ledger.gate = new Promise<void>((r) => (release = r));
    const api = as(h, me);
    const id = (await api.post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id as string;
    await eventually(async () => (await api.get(`/requests/${id}`)).body.owners?.find((o: { owner: string }) => o.owner === 'salon-records')?.status === 'completed');

    await h.stop();
    release();
    ledger.gate = undefined;
    await new Promise((r) => setTimeout(r, 1500));
    await h.start();

    const body = await eventually(async () => {
      const b = (await as(h, me).get(`/requests/${id}`)).body;
      return b.status === 'completed' && b;
    }, 30_000, 'completed after restart');
    expect(body.report).toEqual(expect.arrayContaining([expect.objectContaining({ owner: 'ledger', category: 'invoices', records: 1, action: 'exported' })]));
    expect((await as(h, me).get(`/requests/${id}/export`)).status).toBe(200);
    expect(await verifyAuditChains(h.service.orm.em.fork(), id)).toMatchObject({ ok: true });
  }, 60_000);

  it('publishes a command that was still in the outbox when it stopped', async () => {
    const me = user();
    // The relay is held, so the request's command is committed to the outbox and nothing publishes it.
    await h.service.relay.stop();
    const posted = await as(h, me).post('/requests', { type: 'erasure', subject: { kind: 'self' } });
    expect(posted.status).toBe(202);
    const id = posted.body.id as string;
    const waiting = await h.service.orm.em.fork().getConnection().execute<{ subject: string }[]>(
      'select subject from outbox where published_at is null and payload::text like ?', [`%${id}%`],
    );
    expect(waiting.length).toBeGreaterThan(0);
    expect((await as(h, me).get(`/requests/${id}`)).body.status).not.toBe('completed');
    await h.stop();
    await h.start();
    await eventually(async () => (await as(h, me).get(`/requests/${id}`)).body.status === 'completed', 30_000, 'completed after restart');
  }, 60_000);
});
