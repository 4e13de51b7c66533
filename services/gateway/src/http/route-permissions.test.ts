import request from 'supertest';
import { newId } from '@homi/service-kit';
import type { AccessLevel, Module } from '@homi/contracts';
import { callerSent } from '../../test/support/caller';
import { fakeGateway, membership } from '../../test/support/fakes';

type Expect = Record<AccessLevel, boolean>;
const onlyEdit: Expect = { none: false, view: false, edit: true };
const viewOrEdit: Expect = { none: false, view: true, edit: true };
const anyLevel: Expect = { none: true, view: true, edit: true };

// Written out by hand on purpose: this is the rule book, not a copy of the route table.
const TABLE: [method: string, path: string, module: Module, expected: Expect][] = [
  ['GET', '/tenants/{t}', 'settings', anyLevel],
  ['PATCH', '/tenants/{t}', 'settings', onlyEdit],
  ['GET', '/tenants/{t}/clients', 'clients', viewOrEdit],
  ['POST', '/tenants/{t}/clients', 'clients', onlyEdit],
  ['GET', '/tenants/{t}/clients/{c}', 'clients', viewOrEdit],
  ['PATCH', '/tenants/{t}/clients/{c}', 'clients', onlyEdit],
  ['DELETE', '/tenants/{t}/clients/{c}', 'clients', onlyEdit],
  ['POST', '/tenants/{t}/client-imports', 'clients', onlyEdit],
  ['POST', '/tenants/{t}/client-imports?dryRun=true', 'clients', onlyEdit],
  ['GET', '/tenants/{t}/client-imports/{im}', 'clients', viewOrEdit],
  ['GET', '/tenants/{t}/appointments', 'agenda', viewOrEdit],
  ['POST', '/tenants/{t}/appointments', 'agenda', onlyEdit],
  ['GET', '/tenants/{t}/appointments/{a}', 'agenda', viewOrEdit],
  ['PATCH', '/tenants/{t}/appointments/{a}', 'agenda', onlyEdit],
  ['DELETE', '/tenants/{t}/appointments/{a}', 'agenda', onlyEdit],
  ['GET', '/tenants/{t}/treatments', 'agenda', viewOrEdit],
  ['POST', '/tenants/{t}/treatments', 'settings', onlyEdit],
  ['PATCH', '/tenants/{t}/treatments/{tr}', 'settings', onlyEdit],
  ['DELETE', '/tenants/{t}/treatments/{tr}', 'settings', onlyEdit],
  ['GET', '/tenants/{t}/members/{u}/working-hours', 'agenda', viewOrEdit],
  ['PUT', '/tenants/{t}/members/{u}/working-hours', 'settings', onlyEdit],
  ['GET', '/tenants/{t}/staff', 'agenda', viewOrEdit],
  ['GET', '/tenants/{t}/members', 'users', viewOrEdit],
  ['POST', '/tenants/{t}/members', 'users', onlyEdit],
  ['PATCH', '/tenants/{t}/members/{u}', 'users', onlyEdit],
  ['DELETE', '/tenants/{t}/members/{u}', 'users', onlyEdit],
  ['GET', '/tenants/{t}/invitations', 'users', viewOrEdit],
  ['DELETE', '/tenants/{t}/invitations/{i}', 'users', onlyEdit],
];
/** Which service a route goes to, written out too: members, the staff list and invitations live in identity, working hours in tenant-data. */
const upstreamOf = (path: string): 'identity' | 'upstream' => (/\/(members|staff|invitations)/.test(path) && !path.endsWith('/working-hours') ? 'identity' : 'upstream');

const cases = TABLE.flatMap(([method, path, module, expected]) =>
  (['none', 'view', 'edit'] as const).map((level) => ({ method, path, module, level, allowed: expected[level] })),
);

describe('permission rules per route', () => {
  const gw = fakeGateway();
  const tenantId = newId('ten');
  const url = (path: string) =>
    '/api/v1' + path.replace('{t}', tenantId).replace('{tr}', newId('trt')).replace('{c}', newId('cli')).replace('{a}', newId('apt')).replace('{u}', newId('usr')).replace('{i}', newId('ivt'))
      .replace('{im}', newId('imp'));
  const forwarded = () => gw.upstream.requests.length + gw.identity.requests.length;

  it.each(cases)('$method $path with $module:$level → allowed: $allowed', async ({ method, path, module, level, allowed }) => {
    const { token, userId } = gw.verifier.issue();
    // Every other module at edit, so only the module under test decides.
    gw.memberships.put(membership(userId, tenantId, { agenda: 'edit', clients: 'edit', settings: 'edit', users: 'edit', [module]: level }));
    const before = forwarded();
    const target = gw[upstreamOf(path)].requests;
    const beforeTarget = target.length;
    const req = request(gw.http.app)[method.toLowerCase() as 'get'](url(path)).set('authorization', `Bearer ${token}`);
    // The client file is the one body that is not JSON.
    const send = () => (path.includes('/client-imports') ? req.set('content-type', 'text/csv').send('Naam\nAnna\n') : req.send({}));
    const res = ['POST', 'PATCH', 'PUT'].includes(method) ? await send() : await req;
    if (allowed) {
      expect(res.status).toBe(200);
      expect(forwarded()).toBe(before + 1);
      expect(target.length).toBe(beforeTarget + 1);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.type).toMatch(/\/module-permission-required$/);
      expect(forwarded()).toBe(before);
    }
  });

  it.each(TABLE.map(([method, path]) => ({ method, path })))('$method $path is 404 for a non-member', async ({ method, path }) => {
    const { token, userId } = gw.verifier.issue();
    gw.memberships.put(membership(userId, newId('ten'), {}, 'owner'));
    const res = await request(gw.http.app)[method.toLowerCase() as 'get'](url(path)).set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Tenant was not found');
  });
});

// The privacy routes ask no module level; the privacy service decides on role and requester. What the
// gateway decides is the caller context: tenant-scoped only for a request about a client of a tenant
// the caller is a member of. Written out by hand too.
const PRIVACY: [method: string, path: string, body: 'client' | 'self' | 'none', context: 'tenant' | 'user'][] = [
  ['POST', '/privacy/requests', 'client', 'tenant'],
  ['POST', '/privacy/requests', 'self', 'user'],
  ['GET', '/privacy/requests', 'none', 'user'],
  ['GET', '/privacy/requests/{r}', 'none', 'user'],
  ['GET', '/privacy/requests/{r}/export', 'none', 'user'],
  ['POST', '/privacy/requests/{r}/extension', 'none', 'user'],
  ['GET', '/privacy/data-map', 'none', 'user'],
];

describe('caller context per privacy route', () => {
  const gw = fakeGateway();
  const tenantId = newId('ten');
  const url = (path: string) => '/api/v1' + path.replace('{r}', newId('dsr'));
  const subject = (kind: 'client' | 'self', tenant = tenantId) => (kind === 'self' ? { kind } : { kind, tenantId: tenant, clientId: newId('cli') });
  const send = (method: string, path: string, token: string, body: 'client' | 'self' | 'none', tenant?: string) => {
    const req = request(gw.http.app)[method.toLowerCase() as 'get'](url(path)).set('authorization', `Bearer ${token}`);
    if (method !== 'POST') return req;
    return req.send(body === 'none' ? { months: 1, reason: 'ten letters' } : { type: 'access', subject: subject(body, tenant) });
  };
  const lastCaller = () => callerSent(gw.privacy.requests.at(-1), 'privacy');

  const cases = PRIVACY.flatMap(([method, path, body, context]) =>
    (['owner', 'admin', 'staff'] as const).map((role) => ({ method, path, body, context, role })),
  );

  it.each(cases)('$method $path ($body) as $role → privacy with a $context context', async ({ method, path, body, context, role }) => {
    const { token, userId } = gw.verifier.issue(newId('usr'), ['operator'], { acr: '2', amr: ['pwd', 'otp'], authTime: Math.floor(Date.now() / 1000) });
    gw.memberships.put(membership(userId, tenantId, {}, role));
    const before = gw.privacy.requests.length;
    const res = await send(method, path, token, body);
    expect(res.status).toBe(200);
    expect(gw.privacy.requests.length).toBe(before + 1);
    const caller = await lastCaller();
    expect(caller).toMatchObject({ userId, realmRoles: ['operator'] });
    if (context === 'tenant') expect(caller).toMatchObject({ tenantId, role, permissions: expect.any(Object) });
    else expect([caller.tenantId, caller.role, caller.permissions]).toEqual([undefined, undefined, undefined]);
    // The caller's memberships as they are now, for the privacy service to judge a request about a client by.
    expect(caller.memberships).toEqual({ [tenantId]: { role, permissions: expect.any(Object) } });
  });

  it('answers a request about a client of a tenant the caller is not a member of with 404, as for an unknown tenant', async () => {
    const { token, userId } = gw.verifier.issue();
    gw.memberships.put(membership(userId, newId('ten'), {}, 'owner'));
    const before = gw.privacy.requests.length;
    const res = await send('POST', '/privacy/requests', token, 'client', tenantId);
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Tenant was not found');
    expect(gw.privacy.requests.length).toBe(before);
  });
});
