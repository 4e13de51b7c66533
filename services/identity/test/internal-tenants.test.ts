import request from 'supertest';
import { identityApi } from '@homi/contracts';
import { CALLER_HEADER, newId, PROBLEM_TYPE_BASE, SERVICE_HEADER, signCaller, signService } from '@homi/service-kit';
import { eraseSubject } from '../src/application/privacy-owner';
import { SECRET, startIdentity, type Harness } from './harness';
import { signUp } from './fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h?.stop());

const { tenant: tenantPath } = identityApi.identityInternalPaths;
const asService = (service: string, tenantId: string, secret = SECRET) =>
  request(h.server).get(tenantPath(tenantId)).set(SERVICE_HEADER, signService(service, secret));
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
    const refused = [
      request(h.server).get(tenantPath(tenantId)),
      request(h.server).get(tenantPath(tenantId)).set(CALLER_HEADER, signCaller({ userId, tenantId, role: 'owner' }, SECRET)),
      asService('tenant-data', tenantId, 'another-secret-of-at-least-32-characters'),
      request(h.server).get(tenantPath(tenantId)).set(SERVICE_HEADER, signService('tenant-data', SECRET, -10)),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain('Salon');
    }
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
    const res = await request(h.server).get(`/api/v1${tenantPath(tenantId)}`).set(SERVICE_HEADER, signService('tenant-data', SECRET));
    expect(res.status).toBe(404);
    expect(res.body.type).toBe(`${PROBLEM_TYPE_BASE}not-found`);
  });
});
