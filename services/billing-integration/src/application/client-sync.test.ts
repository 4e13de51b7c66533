import { connectFactuurSturen } from './connect-factuursturen';
import { createInvoice } from './create-invoice';
import { inMemoryDeps } from './in-memory';
import { issueDueInvoices } from './issue-due-invoices';
import { syncClientDeletion, syncClientUpdate } from './sync-client';
import type { Logger } from '@homi/service-kit';

const TENANT = 'ten_0000000001';
const USER = 'usr_0000000001';
const CLIENT = 'cli_0000000001';
const account = { username: 'salon@example.nl', apiKey: 'key-1' };
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger;

async function world({ shareClientData = true, invoiced = true } = {}) {
  const w = inMemoryDeps();
  w.directory.set(CLIENT, { tenantId: TENANT, id: CLIENT, name: 'Anna de Vries', email: 'anna@example.nl', phone: null, address: null });
  await connectFactuurSturen(w.deps, TENANT, USER, { ...account, shareClientData: true });
  if (invoiced) {
    await createInvoice(w.deps, TENANT, USER, { clientId: CLIENT, lines: [{ description: 'Knippen', quantity: 1, unitPriceCents: 3000, taxRate: 21 }], sendByEmail: false });
    await issueDueInvoices(w.deps, silent);
  }
  if (!shareClientData) await connectFactuurSturen(w.deps, TENANT, USER, { ...account, shareClientData: false });
  w.provider.calls.length = 0;
  return w;
}

describe('client sync decisions', () => {
  it('carries the latest details to the provider for a client it already has', async () => {
    const { deps, repositories, provider, directory } = await world();
    directory.set(CLIENT, { tenantId: TENANT, id: CLIENT, name: 'Anna Jansen', email: null, phone: '0612345678', address: null });
    expect(await syncClientUpdate(repositories, deps, TENANT, CLIENT)).toBe('updated');
    expect(provider.clients.get(1)).toMatchObject({ contact: 'Anna Jansen', email: '', phone: '0612345678' });
  });

  it('sends nothing for a client never invoiced, or while sharing is off', async () => {
    const never = await world({ invoiced: false });
    expect(await syncClientUpdate(never.repositories, never.deps, TENANT, CLIENT)).toBe('skipped');
    const off = await world({ shareClientData: false });
    expect(await syncClientUpdate(off.repositories, off.deps, TENANT, CLIENT)).toBe('skipped');
    expect([...never.provider.calls, ...off.provider.calls]).toEqual([]);
  });

  it('blanks a deleted client that invoices refer to, whatever the sharing setting, and a second deletion does nothing', async () => {
    const { deps, repositories, provider } = await world({ shareClientData: false });
    expect(await syncClientDeletion(repositories, deps, TENANT, CLIENT)).toBe('blanked');
    expect(await syncClientDeletion(repositories, deps, TENANT, CLIENT)).toBe('none');
    expect(provider.calls).toEqual(['deleteClient', 'blankClient']);
    expect(repositories.mappings.rows.get(`${TENANT}/${CLIENT}`)?.status).toBe('blanked');
  });

  it('skips a deletion when no account is connected', async () => {
    const { deps, repositories } = inMemoryDeps();
    expect(await syncClientDeletion(repositories, deps, TENANT, CLIENT)).toBe('skipped');
  });
});
