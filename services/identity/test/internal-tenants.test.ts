import request from 'supertest';
import { identityApi, TenantRenamed } from '@homi/contracts';
import { CALLER_HEADER, devServiceKeys, generateServiceKey, newId, parseSigningKey, PROBLEM_TYPE_BASE, SERVICE_HEADER, signCaller, signService, type ServiceKeys } from '@homi/service-kit';
import { eraseSubject } from '../src/privacy';
import { startedAroundAll } from '@homi/testing';
import { callerHeader, GATEWAY, ownerOf, startIdentity, type Harness } from './harness';
import { signUp } from './fixtures';
import { eventsSince } from './support';

let h: Harness;
startedAroundAll(startIdentity, (started) => (h = started));

const { tenant: tenantPath } = identityApi.identityInternalPaths;
type Signer = Pick<ServiceKeys, 'service' | 'signing'>;
/** A credential `keys` makes for a request (identity and the tenant's details route unless told otherwise). */
const credential = (keys: Signer, tenantId: string, to: { audience?: string; method?: string; path?: string } = {}, ttlSeconds?: number, now?: number) =>
  signService(keys, { audience: to.audience ?? 'identity', method: to.method ?? 'GET', path: to.path ?? tenantPath(tenantId) }, ttlSeconds, now);
const withCredential = (tenantId: string, header: string) => request(h.server).get(tenantPath(tenantId)).set(SERVICE_HEADER, header);
const asService = (service: string, tenantId: string) => withCredential(tenantId, credential(devServiceKeys(service), tenantId));
/** A key of its own, under the name and kid of `service`: what someone holding no key of that service could make. */
const impostor = (service: string): Signer => ({ service, signing: parseSigningKey(JSON.stringify(generateServiceKey(devServiceKeys(service).signing.kid).privateJwk)) });
const institute = {
  name: 'Schoonheidssalon Janssen',
  kvkNumber: '87654321',
  address: { street: 'Oudegracht', houseNumber: '12a', postcode: '3511ab', city: 'Utrecht' },
  phone: '030 123 45 67',
};

describe('GET /internal/v1/tenants/:tenantId (institute details for tenant-data and the helpdesk)', () => {
  it('hands tenant-data the details given at sign-up, not to be cached', async () => {
    const { tenantId } = await signUp(h.server, { institute });
    const res = await asService('tenant-data', tenantId);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(identityApi.InstituteDetails.strict().parse(res.body)).toEqual({
      tenantId,
      name: 'Schoonheidssalon Janssen',
      kvkNumber: '87654321',
      address: { street: 'Oudegracht', houseNumber: '12a', postcode: '3511 AB', city: 'Utrecht', country: 'NL' },
      phone: '0301234567',
    });
  });

  it('hands the helpdesk the same details (it keeps the name support tells institutes apart by, ADR 41)', async () => {
    const { tenantId } = await signUp(h.server, { institute });
    const res = await asService('helpdesk', tenantId);
    expect([res.status, res.body.name]).toEqual([200, 'Schoonheidssalon Janssen']);
  });

  it('answers null for the details the owner left out', async () => {
    const { tenantId } = await signUp(h.server, { institute: { name: 'Salon Kaal' } });
    expect((await asService('tenant-data', tenantId)).body).toEqual({ tenantId, name: 'Salon Kaal', kvkNumber: null, address: null, phone: null });
  });

  it('refuses a call without a valid service credential, including a user context from the gateway', async () => {
    const { userId, tenantId } = await signUp(h.server);
    const tenantData = devServiceKeys('tenant-data');
    const refused = [
      request(h.server).get(tenantPath(tenantId)),
      request(h.server).get(tenantPath(tenantId)).set(CALLER_HEADER, callerHeader(ownerOf(userId, tenantId), 'GET', tenantPath(tenantId))),
      // Expired: made two minutes ago with a 30 s life.
      withCredential(tenantId, credential(tenantData, tenantId, {}, 30, Date.now() - 120_000)),
      // Minted for tenant-data itself (or any other service), not for identity.
      withCredential(tenantId, credential(tenantData, tenantId, { audience: 'tenant-data' })),
      withCredential(tenantId, credential(tenantData, tenantId, { audience: 'privacy' })),
      // Made for another tenant's details, or another method, then replayed here.
      withCredential(tenantId, credential(tenantData, newId('ten'))),
      withCredential(tenantId, credential(tenantData, tenantId, { method: 'DELETE' })),
      // tenant-data's name, signed by a key that is not tenant-data's: another service's, or a forged one.
      withCredential(tenantId, credential({ ...devServiceKeys('billing-integration'), service: 'tenant-data' }, tenantId)),
      withCredential(tenantId, credential(impostor('tenant-data'), tenantId)),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain('Salon');
    }
  });

  it('accepts a credential once: the same header sent again is refused', async () => {
    const { tenantId } = await signUp(h.server, { institute });
    const header = credential(devServiceKeys('tenant-data'), tenantId);
    expect((await withCredential(tenantId, header)).status).toBe(200);
    const replayed = await withCredential(tenantId, header);
    expect([replayed.status, replayed.headers['content-type'], JSON.stringify(replayed.body).includes('Janssen')]).toEqual([401, expect.stringMatching(/^application\/problem\+json/), false]);
  });

  it('refuses every service but tenant-data and the helpdesk', async () => {
    const { tenantId } = await signUp(h.server);
    for (const service of ['privacy', 'gateway', 'billing-integration']) {
      const res = await asService(service, tenantId);
      expect(res.status).toBe(403);
      expect(res.body.type).toBe(`${PROBLEM_TYPE_BASE}service-not-allowed`);
      expect(JSON.stringify(res.body)).not.toContain('Salon');
    }
  });

  it('answers tenant-not-found for a tenant that never existed, a malformed id, and an erased tenant', async () => {
    const { tenantId } = await signUp(h.server);
    await h.service.orm.em.fork().transactional((em) =>
      eraseSubject(h.service.deps.idp, { kind: 'tenant', tenantId }, { em, requestId: 'dsr_test000000000001', now: new Date() }));
    for (const id of [newId('ten'), 'usr_0123456789ab', 'ten_%27%20or%201%3D1', tenantId]) {
      const res = await asService('tenant-data', id);
      expect(res.status).toBe(404);
      expect(res.body.type).toBe(`${PROBLEM_TYPE_BASE}${identityApi.TENANT_NOT_FOUND_PROBLEM}`);
    }
  });

  it('is not served under /api/v1, the only prefix the gateway forwards', async () => {
    const { tenantId } = await signUp(h.server);
    const path = `/api/v1${tenantPath(tenantId)}`;
    const res = await request(h.server).get(path).set(SERVICE_HEADER, credential(devServiceKeys('tenant-data'), tenantId, { path }));
    expect(res.status).toBe(404);
    expect(res.body.type).toBe(`${PROBLEM_TYPE_BASE}not-found`);
  });
});

describe('PUT /internal/v1/tenants/:tenantId/name (the institute\'s name after its profile changed, ADR 74)', () => {
  const namePath = identityApi.identityInternalPaths.tenantName;
  const tell = (keys: Signer, tenantId: string, body: unknown, path = namePath(tenantId)) =>
    request(h.server).put(path).set(SERVICE_HEADER, signService(keys, { audience: 'identity', method: 'PUT', path })).send(body as object);
  const me = async (userId: string, tenantId: string) =>
    (await request(h.server).get('/api/v1/me').set(CALLER_HEADER, callerHeader(ownerOf(userId, tenantId), 'GET', '/api/v1/me'))).body;

  it('takes the name tenant-data tells: the members see it in /me, the details carry it, and TenantRenamed says so once; the same name again changes nothing', async () => {
    const { userId, tenantId } = await signUp(h.server, { institute });
    const since = new Date();
    const renamed = await tell(devServiceKeys('tenant-data'), tenantId, { name: '  Salon Janssen & Dochter ' });
    expect([renamed.status, renamed.text]).toEqual([204, '']);
    expect((await me(userId, tenantId)).memberships).toEqual([expect.objectContaining({ tenantId, instituteName: 'Salon Janssen & Dochter' })]);
    expect((await asService('tenant-data', tenantId)).body).toMatchObject({ name: 'Salon Janssen & Dochter', kvkNumber: '87654321' });
    expect((await tell(devServiceKeys('tenant-data'), tenantId, { name: 'Salon Janssen & Dochter' })).status).toBe(204);
    // Thin: the tenant and the moment, never the name. The unchanged second call announced nothing.
    const announced = await eventsSince<TenantRenamed>(h.nc, TenantRenamed.subject, since, (d) => d.tenantId === tenantId, 2, 1500);
    expect(announced.map((e) => Object.keys(e.data).sort())).toEqual([['occurredAt', 'tenantId']]);
  });

  it('refuses a name that is empty, too long or comes with other fields, and changes nothing', async () => {
    const { userId, tenantId } = await signUp(h.server, { institute });
    for (const body of [{}, { name: '   ' }, { name: 'x'.repeat(201) }, { name: 'Salon', kvkNumber: '12345678' }, { name: 42 }, []]) {
      const res = await tell(devServiceKeys('tenant-data'), tenantId, body);
      expect([res.status, res.body.type]).toEqual([400, `${PROBLEM_TYPE_BASE}invalid`]);
    }
    expect((await me(userId, tenantId)).memberships[0].instituteName).toBe('Schoonheidssalon Janssen');
  });

  it('hears it from tenant-data only, with a credential made for this very call', async () => {
    const { userId, tenantId } = await signUp(h.server, { institute });
    for (const service of ['helpdesk', 'privacy', 'gateway', 'billing-integration']) {
      const res = await tell(devServiceKeys(service), tenantId, { name: 'Overgenomen' });
      expect([res.status, res.body.type]).toEqual([403, `${PROBLEM_TYPE_BASE}service-not-allowed`]);
    }
    const forReading = request(h.server).put(namePath(tenantId)).set(SERVICE_HEADER, credential(devServiceKeys('tenant-data'), tenantId)).send({ name: 'Overgenomen' });
    const forAnother = request(h.server).put(namePath(tenantId)).set(SERVICE_HEADER, signService(devServiceKeys('tenant-data'), { audience: 'identity', method: 'PUT', path: namePath(newId('ten')) })).send({ name: 'Overgenomen' });
    const forged = tell(impostor('tenant-data'), tenantId, { name: 'Overgenomen' });
    for (const res of await Promise.all([forReading, forAnother, forged, request(h.server).put(namePath(tenantId)).send({ name: 'Overgenomen' })])) expect(res.status).toBe(401);
    expect((await me(userId, tenantId)).memberships[0].instituteName).toBe('Schoonheidssalon Janssen');
  });

  it('answers tenant-not-found for a tenant it does not know, or no longer (erased)', async () => {
    const { tenantId } = await signUp(h.server);
    await h.service.orm.em.fork().transactional((em) =>
      eraseSubject(h.service.deps.idp, { kind: 'tenant', tenantId }, { em, requestId: 'dsr_test000000000002', now: new Date() }));
    for (const id of [newId('ten'), 'usr_0123456789ab', tenantId]) {
      const res = await tell(devServiceKeys('tenant-data'), id, { name: 'Salon Weg' });
      expect([res.status, res.body.type]).toEqual([404, `${PROBLEM_TYPE_BASE}${identityApi.TENANT_NOT_FOUND_PROBLEM}`]);
    }
  });
});

describe('caller contexts the gateway made for another service', () => {
  it('are refused by identity: a context minted for tenant-data opens nothing here', async () => {
    const { userId, tenantId } = await signUp(h.server);
    const me = '/api/v1/me';
    // The same context and request, but made for tenant-data: what tenant-data received, replayed at identity.
    const forTenantData = signCaller(ownerOf(userId, tenantId), GATEWAY, { audience: 'tenant-data', method: 'GET', path: me });
    const refused = await request(h.server).get(me).set(CALLER_HEADER, forTenantData);
    expect([refused.status, refused.body.type]).toEqual([401, `${PROBLEM_TYPE_BASE}unauthenticated`]);
    expect((await request(h.server).get(me).set(CALLER_HEADER, callerHeader(ownerOf(userId, tenantId), 'GET', me))).status).toBe(200);
  });
});

describe('GET /internal/v1/users/:userId/mail-address (where the helpdesk mails a reply notice, ADR 43, and privacy a request notice, ADR 51)', () => {
  const mailPath = identityApi.identityInternalPaths.mailAddress;
  const ask = (service: string, userId: string) =>
    request(h.server).get(mailPath(userId)).set(SERVICE_HEADER, signService(devServiceKeys(service), { audience: 'identity', method: 'GET', path: mailPath(userId) }));

  it('hands the helpdesk and privacy the address of an active user, not to be cached, and nobody else', async () => {
    const { userId, email } = await signUp(h.server);
    for (const service of ['helpdesk', 'privacy']) {
      const res = await ask(service, userId);
      expect([res.status, res.headers['cache-control']]).toEqual([200, 'no-store']);
      expect(res.body).toEqual({ userId, email });
    }
    for (const service of ['tenant-data', 'gateway', 'billing-integration']) {
      const refused = await ask(service, userId);
      expect([refused.status, refused.body.type]).toEqual([403, `${PROBLEM_TYPE_BASE}service-not-allowed`]);
    }
    expect((await request(h.server).get(mailPath(userId))).status).toBe(401);
  });

  it('answers user-not-mailable for an unknown user', async () => {
    const res = await ask('helpdesk', newId('usr'));
    expect([res.status, res.body.type]).toEqual([404, PROBLEM_TYPE_BASE + identityApi.USER_NOT_MAILABLE_PROBLEM]);
  });
});
