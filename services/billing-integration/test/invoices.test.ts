import request from 'supertest';
import { CALLER_HEADER } from '@homi/service-kit';
import { startedAroundAll } from '@homi/testing';
import { ACCOUNT, as, callerHeader, connectBody, connectedTenant, dyingAfter, eventually, haircut, owner, settled, startHarness, tenantDataAs, type Harness } from './harness';

let h: Harness;
startedAroundAll(startHarness, (started) => (h = started));
afterEach(() => h.sim.inject({}));

const account = () => h.sim.state.account(ACCOUNT.username);
const clientsAtProvider = (clientId: string) => account().clients.filter((c) => c.notes.includes(`homi-ref:${clientId}`)).length;
const invoicesAtProvider = (invoiceId: string) => account().invoices.filter((i) => i.invoicenote.includes(`homi-ref:${invoiceId}`)).length;

describe('creating invoices', () => {
  it('answers 202 pending, then makes the client and the invoice at the provider once', async () => {
    const { api, clientId } = await connectedTenant(h);
    const before = h.sim.state.requests.length;
    const wax = { description: 'Harsen', quantity: 2, unitPriceCents: 1050, taxRate: 9 };
    const res = await api.post('/invoices', { clientId, lines: [haircut, wax] });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`${api.base}/invoices/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'pending', clientId, totals: { exclTaxCents: 5100, taxCents: 819, inclTaxCents: 5919 }, paid: false, restricted: false });
    const done = await settled(api, res.body.id);
    expect(done).toMatchObject({ status: 'created', providerInvoiceNumber: expect.stringMatching(/^\d{8}$/), lastError: null, invoiceDate: expect.any(String) });
    // Nothing was sent before, so nothing is looked up by reference (ADR 67): the account's lists are never read.
    expect(h.sim.state.requests.slice(before).filter((r) => r.method === 'GET').map((r) => r.path)).not.toContainEqual(expect.stringMatching(/\/(clients|invoices)\/?(\?.*)?$/));
    const second = await api.post('/invoices', { clientId, lines: [haircut] });
    await settled(api, second.body.id);
    expect(clientsAtProvider(clientId)).toBe(1);
    expect(invoicesAtProvider(res.body.id)).toBe(1);
    const remote = account().invoices.find((i) => i.invoicenr === done.providerInvoiceNumber);
    expect(remote).toMatchObject({ totalintax: 59.19, contact: 'Anna de Vries', email: 'anna@example.nl' });
    const list = await api.get('/invoices');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id, res.body.id]);
    const first = await api.get('/invoices?limit=1');
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id]);
    const next = await api.get(`/invoices?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: res.body.id })], nextCursor: null });
    expect((await api.get('/invoices?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('refuses invalid lines with field problems and stores nothing', async () => {
    const { api, clientId } = await connectedTenant(h);
    const bad = [
      {}, { clientId, lines: [] }, { clientId: 'cli_nope', lines: [haircut] }, { clientId, lines: [{ ...haircut, taxRate: 6 }] },
      { clientId, lines: [{ ...haircut, quantity: 0 }] }, { clientId, lines: [{ ...haircut, unitPriceCents: 10.5 }] },
      { clientId, lines: [{ ...haircut, description: '' }] }, { clientId, lines: [haircut], sendByEmail: 'yes' }, { clientId, lines: [haircut], extra: true },
    ];
    for (const body of bad) {
      const res = await api.post('/invoices', body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors?.length).toBeGreaterThan(0);
    }
    const malformed = await api.post('/invoices').set('content-type', 'application/json').send('{"clientId":');
    expect(malformed.status).toBe(400);
    expect((await api.get('/invoices')).body.items).toEqual([]);
    expect((await api.get('/invoices?limit=1000')).status).toBe(400);
    expect((await api.get('/invoices/not-an-id')).status).toBe(404);
  });

  it('needs a connection and consent to share client data (409), and a client of this tenant (400)', async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = (await tenantDataAs(h, caller).post('/clients', { name: 'Bea' })).body.id;
    expect((await api.post('/invoices', { clientId, lines: [haircut] })).body.type).toMatch(/invoicing-not-connected$/);
    await api.put('/integrations/factuursturen', connectBody(false));
    const off = await api.post('/invoices', { clientId, lines: [haircut] });
    expect(off.status).toBe(409);
    expect(off.body.type).toMatch(/client-data-sharing-off$/);
    const other = await connectedTenant(h);
    const foreign = await other.api.post('/invoices', { clientId, lines: [haircut] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ path: 'clientId', message: 'no such client' }]);
    expect((await api.get('/invoices')).body.items).toEqual([]);
  });

  it("never shows one tenant's invoice to another", async () => {
    const a = await connectedTenant(h);
    const id = (await a.api.post('/invoices', { clientId: a.clientId, lines: [haircut] })).body.id;
    const b = await connectedTenant(h);
    expect((await b.api.get(`/invoices/${id}`)).status).toBe(404);
    expect((await b.api.get('/invoices')).body.items).toEqual([]);
    expect((await b.api.get(`/invoices?clientId=${a.clientId}`)).body.items).toEqual([]);
    // B's signed context with A's tenant in the path is refused before anything is read.
    const path = `/api/v1/tenants/${a.caller.tenantId}/invoices/${id}`;
    const crossed = await request(h.server).get(path).set(CALLER_HEADER, callerHeader(b.caller, 'billing-integration', 'GET', path));
    expect(crossed.status).toBe(404);
    expect(crossed.body.type).not.toMatch(/invoice/);
  });

  it('marks an invoice the provider refuses as failed, with the reason', async () => {
    const { api, clientId } = await connectedTenant(h, { name: 'Zonder Mail' });
    const res = await api.post('/invoices', { clientId, lines: [haircut], sendByEmail: true });
    expect(await settled(api, res.body.id)).toMatchObject({ status: 'failed', lastError: 'invoicing-refused', providerInvoiceNumber: null });
    expect(invoicesAtProvider(res.body.id)).toBe(0);
  });

  it('sees a payment at the next poll that is due', async () => {
    const { api, clientId } = await connectedTenant(h);
    const id = (await api.post('/invoices', { clientId, lines: [haircut] })).body.id;
    const { providerInvoiceNumber } = await settled(api, id);
    h.sim.state.markPaid(ACCOUNT.username, providerInvoiceNumber, undefined, new Date('2027-01-05T10:00:00Z'));
    await h.billing.jobs.poller.runOnce();
    expect((await api.get(`/invoices/${id}`)).body.paid).toBe(false);
    h.setClock(new Date(Date.now() + 2 * 3_600_000));
    try {
      await h.billing.jobs.poller.runOnce();
    } finally {
      h.setClock(undefined);
    }
    expect((await api.get(`/invoices/${id}`)).body).toMatchObject({ paid: true, paidDate: '2027-01-05' });
  });
});

describe('exactly once at the provider', () => {
  async function createThrough(faults: Parameters<Harness['sim']['inject']>[0], whilePending?: (body: Record<string, unknown>) => void, healAfterMs = 1_500) {
    const { api, clientId } = await connectedTenant(h);
    const before = h.sim.state.requests.length;
    h.sim.inject(faults);
    const id = (await api.post('/invoices', { clientId, lines: [haircut] })).body.id as string;
    await new Promise((r) => setTimeout(r, healAfterMs));
    const pending = (await api.get(`/invoices/${id}`)).body;
    whilePending?.(pending);
    h.sim.inject({});
    const done = await settled(api, id, 15_000);
    expect(done.status).toBe('created');
    expect(clientsAtProvider(clientId)).toBe(1);
    expect(invoicesAtProvider(id)).toBe(1);
    return h.sim.state.requests.slice(before);
  }

  it('with the provider failing half the calls, answers lost after the work was done', async () => {
    const requests = await createThrough({ failRate: 0.5, failAfterCommit: true, seed: 7 }, undefined, 800);
    // The faults did hit creations whose work was done: the reconciliation is what kept them single.
    expect(requests.filter((r) => r.method === 'POST' && r.status === 503).length).toBeGreaterThan(0);
  });

  it('with every answer arriving after the timeout', async () => {
    await createThrough({ latencyMs: 500 }, (pending) => expect(pending).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/^invoicing-/) }));
  });

  it('with the provider answering 429', async () => {
    const requests = await createThrough({ failRate: 1, status: 429 }, (pending) => expect(pending).toMatchObject({ status: 'pending', lastError: 'invoicing-rate-limited' }));
    expect(requests.some((r) => r.status === 429)).toBe(true);
  });

  it('when the process dies between the provider call and its commit', async () => {
    const { api, clientId } = await connectedTenant(h);
    await h.billing.jobs.issuer.stop();
    const { provider, crashed } = dyingAfter('createInvoice');
    const doomed = await h.startBilling({ provider });
    let id: string;
    try {
      id = (await api.post('/invoices', { clientId, lines: [haircut] })).body.id as string;
      await eventually(async () => crashed.count > 0, 10_000, 'the doomed attempt');
    } finally {
      await doomed.stop();
    }
    expect(invoicesAtProvider(id)).toBe(1);
    h.billing.jobs.issuer.start();
    expect(await settled(api, id)).toMatchObject({ status: 'created' });
    // Made once at the provider, by the attempt whose commit was lost; found again by its reference.
    expect(crashed.count).toBe(1);
    expect(invoicesAtProvider(id)).toBe(1);
    expect(clientsAtProvider(clientId)).toBe(1);
  });
});
