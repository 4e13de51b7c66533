import { AccountDeletionRequested, natsName, RequestCompleted } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { devServiceKeys, newId, SERVICE_HEADER, signService } from '@homi/service-kit';
import request from 'supertest';
import { messagesOn } from './events';
import { startedAroundAll } from '@homi/testing';
import { as, eventually, flowSettled, user, type Harness } from './harness';
import { RETAINED_REASON, startWithTwoOwners, type TestOwner } from './owners';

let h: Harness;
let records: TestOwner;
let ledger: TestOwner;

startedAroundAll(() => startWithTwoOwners(), (started) => ({ h, records, ledger } = started));

const completed = (api: ReturnType<typeof as>, id: string) =>
  eventually(async () => {
    const res = await api.get(`/requests/${id}`);
    return res.body.status === 'completed' ? res.body : undefined;
  }, 20_000, `request ${id} completed`);

describe('an erasure request', () => {
  it('for a client, made by the institute, erases what may go and reports what is kept, why and until when', async () => {
    const tenantId = newId('ten');
    const admin = user({ tenantId, role: 'admin' });
    const subject = { kind: 'client' as const, tenantId, clientId: newId('cli') };
    await records.seed(subject, 'client-profile', { name: 'Jan Jansen' });
    await records.seed(subject, 'appointments', { treatment: 'Massage' });
    await ledger.seed(subject, 'invoices', { number: 'F-1' });
    await ledger.seed(subject, 'payment-preferences', { iban: 'NL00BANK0123456789' });

    const api = as(h, admin);
    const res = await api.post('/requests', { type: 'erasure', subject });
    expect(res.status).toBe(202);
    const body = await completed(api, res.body.id);
    expect(body.subject).toEqual(subject);
    expect(body.export).toBeUndefined();
    expect(body.report).toEqual(
      expect.arrayContaining([
        { owner: 'salon-records', category: 'client-profile', action: 'erased', records: 1, reason: null, retainedUntil: null },
        { owner: 'salon-records', category: 'appointments', action: 'erased', records: 1, reason: null, retainedUntil: null },
        { owner: 'ledger', category: 'payment-preferences', action: 'erased', records: 1, reason: null, retainedUntil: null },
        { owner: 'ledger', category: 'invoices', action: 'retained', records: 1, reason: RETAINED_REASON, retainedUntil: expect.any(String) },
      ]),
    );
    expect(await records.count(subject)).toBe(0);
    expect(await ledger.count(subject)).toBe(1);
    const done = await eventually(async () => {
      const found = await messagesOn<{ requestId: string }>(h.js, RequestCompleted.subject, (d) => d.requestId === res.body.id);
      return found.length > 0 && found;
    });
    expect(done).toHaveLength(1);
  });
});

describe('a rectification request', () => {
  it('hands the corrections to the owners over HTTP only, and clears them once completed', async () => {
    const me = user();
    const subject = { kind: 'user' as const, userId: me.userId };
    await records.seed(subject, 'client-profile', { name: 'Piet', email: 'old@example.nl' });
    const api = as(h, me);
    const res = await api.post('/requests', { type: 'rectification', subject: { kind: 'self' }, corrections: { email: 'new@example.nl' } });
    expect(res.status).toBe(202);
    const body = await completed(api, res.body.id);
    expect(body.report).toEqual(expect.arrayContaining([expect.objectContaining({ owner: 'salon-records', action: 'rectified', records: 1 })]));
    const rows = await records.orm.em.fork().execute(`select data from records where subject = ?`, [`user:${me.userId}`]);
    expect(rows[0]?.data).toMatchObject({ name: 'Piet', email: 'new@example.nl' });
    const path = `/internal/v1/privacy/requests/${res.body.id}/corrections`;
    const corrections = await request(h.server).get(path).set(SERVICE_HEADER, signService(devServiceKeys('salon-records'), { audience: 'privacy', method: 'GET', path }));
    expect(corrections.status).toBe(410);
    const stored = await h.service.orm.em.fork().execute('select corrections from requests where id = ?', [res.body.id]);
    expect(stored[0]?.corrections).toBeNull();
    const bus = await messagesOn(h.js, natsName.subject('privacy.>'), () => true);
    expect(JSON.stringify(bus)).not.toContain('new@example.nl');
  });
});

describe('an account deletion', () => {
  it('opens the user erasure request with its id and one per sole-owner institute, once however often announced', async () => {
    const userId = newId('usr');
    const requestId = newId('dsr');
    const tenants = [newId('ten'), newId('ten')];
    await records.seed({ kind: 'tenant', tenantId: tenants[0]! }, 'client-profile', { name: 'Salon Zon' });
    const data = { requestId, userId, soleOwnerTenantIds: tenants, occurredAt: new Date().toISOString() };
    await publish(h.js, AccountDeletionRequested, data, { msgId: `${requestId}-a` });
    await publish(h.js, AccountDeletionRequested, data, { msgId: `${requestId}-b` });

    const api = as(h, { userId, realmRoles: [] });
    type Listed = { id: string; parentId: string | null; subject: { kind: string; tenantId?: string }; status: string; type: string };
    await eventually(async () => {
      const list = (await api.get('/requests')).body.items as Listed[];
      return list.length >= 3 && list.every((r) => r.status === 'completed');
    }, 20_000, 'deletion requests completed');
    // Both deliveries handled and everything they caused published: a fourth request would show now.
    await flowSettled(h, [records, ledger], 'account deletion delivered twice');
    const list = (await api.get('/requests')).body.items as Listed[];
    expect(list).toHaveLength(3);
    expect(list.every((r) => r.type === 'erasure')).toBe(true);
    const parent = list.find((r) => r.id === requestId);
    expect(parent?.subject).toEqual({ kind: 'user', userId });
    const children = list.filter((r) => r.parentId === requestId);
    expect(children.map((c) => c.subject.tenantId).sort()).toEqual([...tenants].sort());
    expect(await records.count({ kind: 'tenant', tenantId: tenants[0]! })).toBe(0);
  });
});
