import { fullPermissions, type Permissions } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { as, user, type Caller, type Harness } from './harness';
import { startWithSalonRecords } from './owners';
import { startedAroundAll } from '@homi/testing';

// Requests about an institute's clients are judged on the caller's client rights in that institute
// as the gateway reports them now: at submission, at every read, at extension and at download.
let h: Harness;

startedAroundAll(startWithSalonRecords, (started) => ({ h } = started));

const count = async () => (await h.service.orm.em.fork().execute('select count(*)::int as n from requests'))[0]?.n as number;
const withClients = (clients: Permissions['clients']): Permissions => ({ ...fullPermissions(), clients });

/** The same person as the gateway describes them after a change of their membership (or none at all). */
const later = (caller: Caller, membership?: { role: 'owner' | 'admin' | 'staff'; permissions: Permissions }): Caller => {
  const { tenantId: _t, role: _r, permissions: _p, memberships: _m, ...rest } = caller;
  return membership ? user({ ...rest, tenantId: caller.tenantId, ...membership }) : { ...rest, memberships: {} };
};

describe('a request about a client', () => {
  it('needs clients:view for access and clients:edit for erasure and rectification, whatever the role; a refusal records nothing', async () => {
    const tenantId = newId('ten');
    const subject = { kind: 'client', tenantId, clientId: newId('cli') };
    const rectify = { type: 'rectification', subject, corrections: { email: 'new@example.nl' } };
    const before = await count();
    for (const role of ['owner', 'admin'] as const) {
      const none = as(h, user({ tenantId, role, permissions: withClients('none') }));
      for (const body of [{ type: 'access', subject }, { type: 'erasure', subject }, rectify]) {
        const res = await none.post('/requests', body);
        expect(res.status).toBe(403);
        expect(res.body.type).toMatch(/client-permission-required$/);
      }
    }
    const viewer = as(h, user({ tenantId, role: 'admin', permissions: withClients('view') }));
    expect((await viewer.post('/requests', { type: 'erasure', subject })).status).toBe(403);
    expect((await viewer.post('/requests', rectify)).status).toBe(403);
    expect(await count()).toBe(before);
    expect((await viewer.post('/requests', { type: 'access', subject })).status).toBe(202);
    const editor = as(h, user({ tenantId, role: 'admin', permissions: withClients('edit') }));
    expect((await editor.post('/requests', { type: 'erasure', subject })).status).toBe(202);
    expect(await count()).toBe(before + 2);
  });

  it('is followed by its requester only while they hold the client rights its type needs', async () => {
    const tenantId = newId('ten');
    const subject = { kind: 'client', tenantId, clientId: newId('cli') };
    const admin = user({ tenantId, role: 'admin' });
    const access = (await as(h, admin).post('/requests', { type: 'access', subject })).body.id as string;
    const erasure = (await as(h, admin).post('/requests', { type: 'erasure', subject })).body.id as string;
    const listed = async (caller: Caller) => ((await as(h, caller).get('/requests')).body.items as { id: string }[]).map((r) => r.id);
    expect(await listed(admin)).toEqual([erasure, access]);

    // Down to clients:view: the access request still, the erasure no more.
    const viewer = later(admin, { role: 'admin', permissions: withClients('view') });
    expect((await as(h, viewer).get(`/requests/${access}`)).status).toBe(200);
    expect((await as(h, viewer).get(`/requests/${erasure}`)).status).toBe(403);
    expect(await listed(viewer)).toEqual([access]);

    // Made staff, or removed from the institute: neither, nor an extension or a download.
    for (const gone of [later(admin, { role: 'staff', permissions: fullPermissions() }), later(admin)]) {
      for (const id of [access, erasure]) {
        const read = await as(h, gone).get(`/requests/${id}`);
        expect(read.status).toBe(403);
        expect(read.body.type).toMatch(/client-permission-required$/);
        expect((await as(h, gone).post(`/requests/${id}/extension`, { months: 1, reason: 'the client asked for more time' })).status).toBe(403);
      }
      expect((await as(h, gone).get(`/requests/${access}/export`)).status).toBe(403);
      expect(await listed(gone)).toEqual([]);
    }
    const stored = await h.service.orm.em.fork().execute('select extension from requests where id = ?', [access]);
    expect(stored[0]?.extension).toBeNull();
  });
});
