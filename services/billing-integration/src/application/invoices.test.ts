import { InvoiceCreated, InvoiceFailed, billingApi } from '@homi/contracts';
import { AppError, isAppError, type Logger } from '@homi/service-kit';
import { connectFactuurSturen } from './connect-factuursturen';
import { createInvoice } from './create-invoice';
import { inMemoryDeps } from './in-memory';
import { issueDueInvoices } from './issue-due-invoices';

const TENANT = 'ten_0000000001';
const USER = 'usr_0000000001';
const CLIENT = 'cli_0000000001';
const account = { username: 'salon@example.nl', apiKey: 'key-1' };
const haircut = { description: 'Knippen', quantity: 1, unitPriceCents: 3000, taxRate: 21 as const };
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger;
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

async function connected(shareClientData = true) {
  const world = inMemoryDeps();
  world.directory.set(CLIENT, { tenantId: TENANT, id: CLIENT, name: 'Anna de Vries', email: 'anna@example.nl', phone: null, address: null });
  await connectFactuurSturen(world.deps, TENANT, USER, { ...account, shareClientData });
  world.published.length = 0;
  return world;
}

describe('creating an invoice', () => {
  it('records it pending with its totals and wakes the worker', async () => {
    const { deps, repositories, kicks } = await connected();
    const invoice = await createInvoice(deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false });
    expect(repositories.invoices.rows.get(invoice.id)).toMatchObject({ status: 'pending', exclTaxCents: 3000, taxCents: 630, inclTaxCents: 3630, attempts: 0 });
    expect(kicks.issuer).toBe(2);
  });

  it('refuses, storing nothing, without a connection, without consent to share, or for a client the tenant does not have', async () => {
    const none = inMemoryDeps();
    const noConnection = await failure(createInvoice(none.deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false }));
    expect(isAppError(noConnection) && noConnection.type).toBe(billingApi.BILLING_PROBLEMS.notConnected);
    const notSharing = await connected(false);
    const sharingOff = await failure(createInvoice(notSharing.deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false }));
    expect(isAppError(sharingOff) && sharingOff.type).toBe(billingApi.BILLING_PROBLEMS.sharingOff);
    const sharing = await connected();
    const unknown = await failure(createInvoice(sharing.deps, TENANT, USER, { clientId: 'cli_0000000999', lines: [haircut], sendByEmail: false }));
    expect(isAppError(unknown) && unknown.kind).toBe('invalid');
    expect([none, notSharing, sharing].map((w) => w.repositories.invoices.rows.size)).toEqual([0, 0, 0]);
  });
});

describe('issuing due invoices', () => {
  it('makes the client and the invoice at the provider once, and records it created', async () => {
    const { deps, repositories, provider, published } = await connected();
    const invoice = await createInvoice(deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false });
    expect(await issueDueInvoices(deps, silent)).toBe(1);
    expect(await issueDueInvoices(deps, silent)).toBe(0);
    // Nothing was sent before, so nothing is looked up by reference first (ADR 67): no list of the account's records.
    expect(provider.calls.filter((c) => c !== 'verifyCredentials')).toEqual(['createClient', 'createInvoice']);
    expect(repositories.providerCalls.rows.size).toBe(0);
    expect(repositories.invoices.rows.get(invoice.id)).toMatchObject({ status: 'created', attempts: 1, invoiceDate: '2026-03-02', lastError: null });
    expect(repositories.mappings.rows.get(`${TENANT}/${CLIENT}`)).toMatchObject({ status: 'created', clientNumber: 1 });
    expect(published.map((e) => e.subject)).toEqual([InvoiceCreated.subject]);
  });

  it('finds an invoice an earlier attempt made by its reference instead of making it twice', async () => {
    const { deps, repositories, provider, clock } = await connected();
    const invoice = await createInvoice(deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false });
    // An earlier attempt marked both creations, made them, and lost its commit: the marks stayed.
    await repositories.providerCalls.begin({ tenantId: TENANT, kind: 'client', reference: CLIENT, clientId: CLIENT }, clock.now);
    await repositories.providerCalls.begin({ tenantId: TENANT, kind: 'invoice', reference: invoice.id, clientId: CLIENT }, clock.now);
    const clientNumber = await provider.createClient(account, CLIENT, { contact: 'Anna de Vries' });
    const made = await provider.createInvoice(account, { reference: invoice.id, clientNumber, lines: [haircut], sendByEmail: false });
    provider.calls.length = 0;
    await issueDueInvoices(deps, silent);
    expect(provider.calls).toEqual(['findClientByReference', 'findInvoiceByReference']);
    expect(repositories.invoices.rows.get(invoice.id)).toMatchObject({ status: 'created', providerInvoiceNumber: made });
    expect(repositories.mappings.rows.get(`${TENANT}/${CLIENT}`)).toMatchObject({ status: 'created', clientNumber });
    expect(repositories.providerCalls.rows.size).toBe(0);
  });

  it('keeps an invoice pending with the error kind and a later attempt while the provider is away', async () => {
    const { deps, repositories, provider, clock } = await connected();
    const invoice = await createInvoice(deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false });
    provider.fail = new AppError('unavailable', 'down', { type: 'invoicing-unavailable' });
    expect(await issueDueInvoices(deps, silent)).toBe(1);
    const stored = repositories.invoices.rows.get(invoice.id)!;
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, lastError: 'invoicing-unavailable' });
    expect(stored.nextAttemptAt.getTime()).toBeGreaterThan(clock.now.getTime());
    // The client's creation may have reached the provider: its mark stays, and the next attempt looks it up first.
    expect([...repositories.providerCalls.rows.values()].map((r) => `${r.kind}:${r.reference}`)).toEqual([`client:${CLIENT}`]);
    provider.fail = undefined;
    provider.calls.length = 0;
    clock.now = stored.nextAttemptAt;
    expect(await issueDueInvoices(deps, silent)).toBe(1);
    expect(provider.calls).toEqual(['findClientByReference', 'createClient', 'createInvoice']);
    expect(repositories.providerCalls.rows.size).toBe(0);
  });

  it('fails an invoice for good, and says so, when its client is gone from tenant-data', async () => {
    const { deps, repositories, directory, published } = await connected();
    const invoice = await createInvoice(deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false });
    directory.delete(CLIENT);
    await issueDueInvoices(deps, silent);
    expect(repositories.invoices.rows.get(invoice.id)).toMatchObject({ status: 'failed', lastError: 'client-not-found' });
    expect(published.map((e) => e.subject)).toEqual([InvoiceFailed.subject]);
  });

  it('marks the connection rejected when the provider refuses the key, and retries the invoice later', async () => {
    const { deps, repositories, provider } = await connected();
    const invoice = await createInvoice(deps, TENANT, USER, { clientId: CLIENT, lines: [haircut], sendByEmail: false });
    provider.keys[account.username] = 'changed-at-the-provider';
    await issueDueInvoices(deps, silent);
    expect(repositories.connections.rows.get(TENANT)?.status).toBe('rejected');
    expect(repositories.invoices.rows.get(invoice.id)).toMatchObject({ status: 'pending', lastError: billingApi.BILLING_PROBLEMS.credentialsRejected });
  });
});
