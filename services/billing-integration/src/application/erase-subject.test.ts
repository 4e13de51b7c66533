import { connectFactuurSturen } from './connect-factuursturen';
import { createInvoice } from './create-invoice';
import { eraseClient } from './erase-subject';
import { inMemoryDeps } from './in-memory';
import { issueDueInvoices } from './issue-due-invoices';
import type { Logger } from '@homi/service-kit';

const TENANT = 'ten_0000000001';
const USER = 'usr_0000000001';
const CLIENT = 'cli_0000000001';
const account = { username: 'salon@example.nl', apiKey: 'key-1' };
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger;
const NOTHING = [{ category: 'provider-client', records: 0, action: 'none' }, { category: 'invoices', records: 0, action: 'erased' }];

async function connected() {
  const w = inMemoryDeps();
  w.directory.set(CLIENT, { tenantId: TENANT, id: CLIENT, name: 'Anna de Vries', email: 'anna@example.nl', phone: null, address: null });
  await connectFactuurSturen(w.deps, TENANT, USER, { ...account, shareClientData: true });
  w.provider.calls.length = 0;
  return w;
}

describe("a client's erasure in billing-integration", () => {
  it('answers at once for a client it holds nothing of: no call to the provider, no row read or locked beyond one look', async () => {
    const { deps, repositories, provider } = await connected();
    const reads = [jest.spyOn(repositories.connections, 'get'), jest.spyOn(repositories.mappings, 'get'), jest.spyOn(repositories.invoices, 'ofSubject')];
    expect(await eraseClient(repositories, deps, TENANT, CLIENT, deps.clock())).toEqual(NOTHING);
    expect(provider.calls).toEqual([]);
    expect(reads.map((read) => read.mock.calls.length)).toEqual([0, 0, 0]);
  });

  it('looks at the provider when only the mark of a creation is here: it may have been made there', async () => {
    const { deps, repositories, provider } = await connected();
    // A creation whose answer was lost: its mark committed, its mapping rolled back (ADR 67).
    await repositories.providerCalls.begin({ tenantId: TENANT, kind: 'client', reference: CLIENT, clientId: CLIENT }, deps.clock());
    expect(await eraseClient(repositories, deps, TENANT, CLIENT, deps.clock())).toEqual(NOTHING);
    expect(provider.calls.some((call) => call.startsWith('findClientByReference'))).toBe(true);
    expect(await repositories.providerCalls.has({ tenantId: TENANT, kind: 'client', reference: CLIENT, clientId: CLIENT })).toBe(false);
  });

  it('takes an invoiced client off the provider and keeps its invoice as a fiscal record', async () => {
    const { deps, repositories, provider } = await connected();
    await createInvoice(deps, TENANT, USER, { clientId: CLIENT, lines: [{ description: 'Knippen', quantity: 1, unitPriceCents: 3000, taxRate: 21 }], sendByEmail: false });
    await issueDueInvoices(deps, silent);
    const results = await eraseClient(repositories, deps, TENANT, CLIENT, deps.clock());
    expect(results).toEqual([
      { category: 'provider-client', records: 1, action: 'anonymised' },
      { category: 'invoices', records: 0, action: 'erased' },
      expect.objectContaining({ category: 'invoices', records: 1, action: 'retained' }),
    ]);
    expect(provider.calls.some((call) => call.startsWith('blankClient'))).toBe(true);
  });
});
