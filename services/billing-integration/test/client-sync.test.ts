import { Client } from 'pg';
import request from 'supertest';
import { devServiceKeys, newId, SERVICE_HEADER, signService } from '@homi/service-kit';
import { BLANKED_CONTACT } from '../src';
import { startedAroundAll } from '@homi/testing';
import { ACCOUNT, connectBody, connectedTenant, eventually, haircut, settled, startHarness, type Harness } from './harness';

let h: Harness;
startedAroundAll(startHarness, (started) => (h = started));

const remoteClient = (clientId: string) => h.sim.state.account(ACCOUNT.username).clients.find((c) => c.notes.includes(`homi-ref:${clientId}`));

async function syncedMessages(): Promise<number> {
  const pg = new Client({ connectionString: h.databaseUrl });
  await pg.connect();
  try {
    return Number((await pg.query(`select count(*) as n from inbox where consumer = 'billing-integration-client-sync'`)).rows[0].n);
  } finally {
    await pg.end();
  }
}

/** Runs `change`, then waits until the sync consumer has handled the events it caused. */
async function afterSync(change: () => Promise<unknown>, events = 1): Promise<void> {
  const before = await syncedMessages();
  await change();
  await eventually(async () => (await syncedMessages()) >= before + events, 10_000, 'the sync consumer');
}

async function invoicedClient(clientBody?: Record<string, unknown>, sendByEmail = false) {
  const t = await connectedTenant(h, clientBody);
  const invoice = (await t.api.post('/invoices', { clientId: t.clientId, lines: [haircut], sendByEmail })).body;
  await settled(t.api, invoice.id);
  return t;
}

describe('carrying client changes to the provider', () => {
  it('updates a client the provider has when tenant-data announces a change', async () => {
    const { td, clientId } = await invoicedClient();
    await afterSync(() => td.patch(`/clients/${clientId}`, { email: 'anna@nieuw.nl', address: { street: 'Dorpsstraat', houseNumber: '1', postcode: '1234ab', city: 'Utrecht' } }));
    expect(remoteClient(clientId)).toMatchObject({ contact: 'Anna de Vries', email: 'anna@nieuw.nl', address: 'Dorpsstraat 1', zipcode: '1234 AB', city: 'Utrecht' });
  });

  it('sends nothing for a client never invoiced, nor while sharing is off', async () => {
    const { td, clientId } = await connectedTenant(h, { name: 'Nooit Gefactureerd' });
    await afterSync(() => td.patch(`/clients/${clientId}`, { email: 'nooit@example.nl' }));
    expect(remoteClient(clientId)).toBeUndefined();

    const shared = await invoicedClient({ name: 'Deelt Niet Meer', email: 'oud@example.nl' });
    await shared.api.put('/integrations/factuursturen', connectBody(false));
    await afterSync(() => shared.td.patch(`/clients/${shared.clientId}`, { email: 'nieuw@example.nl' }));
    expect(remoteClient(shared.clientId)?.email).toBe('oud@example.nl');
  });

  it('blanks a deleted client that invoices refer to, and deletes one without invoices', async () => {
    const withInvoice = await invoicedClient({ name: 'Met Factuur', email: 'met@example.nl', phone: '0611111111' });
    await afterSync(() => withInvoice.td.delete(`/clients/${withInvoice.clientId}`));
    expect(remoteClient(withInvoice.clientId)).toMatchObject({ contact: BLANKED_CONTACT, email: '', phone: '', notes: `homi-ref:${withInvoice.clientId}` });

    // The provider made the client, then refused the invoice (no e-mail address to send it to).
    const without = await invoicedClient({ name: 'Zonder Factuur' }, true);
    expect(remoteClient(without.clientId)).toBeDefined();
    await afterSync(() => without.td.delete(`/clients/${without.clientId}`));
    expect(remoteClient(without.clientId)).toBeUndefined();
  });
});

describe("tenant-data's internal client route", () => {
  it('answers billing-integration only, and only the invoiceable fields', async () => {
    const { caller, clientId } = await connectedTenant(h, { name: 'Intern', email: 'intern@example.nl', dateOfBirth: '1990-01-01', notes: 'privé' });
    const path = `/internal/v1/tenants/${caller.tenantId}/clients/${clientId}`;
    const as = (service: string, to = path, audience = 'tenant-data') => signService(devServiceKeys(service), { audience, method: 'GET', path: to });
    const ok = await request(h.tenantDataServer).get(path).set(SERVICE_HEADER, as('billing-integration'));
    expect(ok.body).toEqual({ id: clientId, name: 'Intern', email: 'intern@example.nl', phone: null, address: null });
    expect((await request(h.tenantDataServer).get(path).set(SERVICE_HEADER, as('gateway'))).status).toBe(403);
    expect((await request(h.tenantDataServer).get(path)).status).toBe(401);
    // Made for another client's route, or for identity, then replayed here (ADR 38).
    expect((await request(h.tenantDataServer).get(path).set(SERVICE_HEADER, as('billing-integration', `${path}x`))).status).toBe(401);
    expect((await request(h.tenantDataServer).get(path).set(SERVICE_HEADER, as('billing-integration', path, 'identity'))).status).toBe(401);
    const otherPath = `/internal/v1/tenants/${newId('ten')}/clients/${clientId}`;
    const other = await request(h.tenantDataServer).get(otherPath).set(SERVICE_HEADER, as('billing-integration', otherPath));
    expect(other.status).toBe(404);
    expect(other.body.type).toMatch(/client-not-found$/);
  });
});
