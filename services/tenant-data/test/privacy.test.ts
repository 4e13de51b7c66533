import type { DataSubject } from '@homi/contracts';
import { startOwnerWithPrivacyStub, type PrivacyStub } from '@homi/privacy-kit/testing';
import { startedAroundAll } from '@homi/testing';
import { as, owner, startTenantData, type Harness } from './harness';

// tenant-data as a data owner: export, erase and rectify a client, erase a whole tenant.
let h: Harness;
let privacy: PrivacyStub;

startedAroundAll(() => startOwnerWithPrivacyStub('tenant-data', (privacyUrl) => startTenantData({ privacyUrl })), (started) => ({ h, privacy } = started));

async function seedClient(api: ReturnType<typeof as>) {
  const c = (await api.post('/clients', { name: 'Maria Jansen', email: 'maria@example.nl', phone: '0611122233' })).body;
  await api.post('/appointments', { clientId: c.id, startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z', treatment: 'Pedicure', notes: 'diabetes' });
  await api.post('/appointments', { clientId: c.id, startsAt: '2026-12-08T10:00:00Z', endsAt: '2026-12-08T11:00:00Z', treatment: 'Pedicure' });
  return c.id as string;
}

describe('tenant-data as a data owner', () => {
  it("exports every record of a client, and nothing of other clients", async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = await seedClient(api);
    await api.post('/clients', { name: 'Someone Else' });
    const [result] = await privacy.run('access', { kind: 'client', tenantId: caller.tenantId, clientId });
    expect(result?.results).toEqual(expect.arrayContaining([
      { category: 'client-profile', records: 1, action: 'exported' },
      { category: 'appointments', records: 2, action: 'exported' },
      { category: 'treatment-notes', records: 1, action: 'exported' },
    ]));
    const upload = result?.upload;
    expect(upload).toContain('maria@example.nl');
    expect(upload).toContain('diabetes');
    expect(upload).not.toContain('Someone Else');
  });

  it('erases a client with appointments and notes once, however often the command arrives', async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = await seedClient(api);
    const results = await privacy.run('erasure', { kind: 'client', tenantId: caller.tenantId, clientId }, 2);
    const erased = results.map((r) => r.results.find((c) => c.category === 'client-profile')?.records).sort();
    // Each answer is the request's total so far (ADR 58): a second run that erased anything again would make it 2.
    expect(erased).toEqual([1, 1]);
    expect((await api.get(`/clients/${clientId}`)).status).toBe(404);
    expect((await api.get('/appointments')).body.items).toEqual([]);
  });

  it('rectifies a client with the corrections fetched from the privacy service', async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = await seedClient(api);
    const subject: DataSubject = { kind: 'client', tenantId: caller.tenantId, clientId };
    const pending = privacy.run('rectification', subject, 1, { phone: '06 9998 8877', unknownField: 'ignored' });
    const [result] = await pending;
    expect(result?.results).toEqual([{ category: 'client-profile', records: 1, action: 'rectified' }]);
    expect((await api.get(`/clients/${clientId}`)).body.phone).toBe('0699988877');
  });

  it('erases a whole tenant', async () => {
    const caller = owner();
    const api = as(h, caller);
    await seedClient(api);
    const clientId = await seedClient(api);
    const treatmentId = (await api.post('/treatments', { name: 'Pedicure', durationMinutes: 45, priceCents: 4500, taxRate: 21 })).body.id;
    expect((await api.post('/appointments', { clientId, startsAt: '2026-12-08T10:00:00+01:00', treatmentId })).status).toBe(201);
    const [result] = await privacy.run('erasure', { kind: 'tenant', tenantId: caller.tenantId });
    expect(result?.results.find((c) => c.category === 'client-profile')?.records).toBe(2);
    expect((await api.get('/clients')).body.items).toEqual([]);
    expect((await api.get('/treatments')).body.items).toEqual([]);
  });
});
