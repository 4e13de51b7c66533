import { unzip } from '@homi/testing';
import { client, eventually, FACTUURSTUREN_ACCOUNT, startPlatform, type Institute, type Platform } from './platform';

// Issue 5 as an institute meets it: connect the FactuurSturen account, invoice a client, see both at
// the provider (the simulator, over its HTTP API), erase the client; and what a flaky provider does.

const type = (res: { body: { type?: string } }) => String(res.body?.type ?? '').split('/').pop();

/** The provider's view, as the institute would see it in FactuurSturen (its API, Basic auth). */
async function atProvider(p: Platform, path: string): Promise<unknown> {
  const auth = Buffer.from(`${FACTUURSTUREN_ACCOUNT.username}:${FACTUURSTUREN_ACCOUNT.apiKey}`).toString('base64');
  p.simulator.inject({});
  const res = await fetch(`${p.simulator.url}/api/v1/${path}`, { headers: { authorization: `Basic ${auth}`, accept: 'application/json' } });
  return res.status === 200 ? res.json() : res.status;
}

describe('invoicing through FactuurSturen (issue 5)', () => {
  let p: Platform;
  let salon: Institute;

  beforeAll(async () => {
    p = await startPlatform();
    salon = await p.signup('Salon Factuur');
  }, 120_000);
  afterAll(() => p?.stop());
  afterEach(() => p.simulator.inject({}));

  const api = () => client(p.gateway, salon.ownerToken);
  const integration = () => `/tenants/${salon.tenantId}/integrations/factuursturen`;
  const newClient = async (name: string) => {
    const res = await api().post(`/tenants/${salon.tenantId}/clients`, { name, email: `${name.split(' ')[0]?.toLowerCase()}@example.nl`, phone: '0612345678' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const invoiceDone = (id: string) =>
    eventually(async () => {
      const res = await api().get(`/tenants/${salon.tenantId}/invoices/${id}`);
      return res.body?.status === 'created' && res.body;
    }, `invoice ${id} to be created at the provider`, 30_000);
  const lines = [{ description: 'Pedicure', quantity: 1, unitPriceCents: 4500, taxRate: 21 }];

  it('refuses a wrong API key, an outage and invalid lines with problems, leaving nothing behind', async () => {
    const wrong = await api().put(integration(), { username: FACTUURSTUREN_ACCOUNT.username, apiKey: 'not-the-right-key', shareClientData: true });
    expect([wrong.status, type(wrong)]).toEqual([400, 'invoicing-credentials-rejected']);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await api().get(integration())).status).toBe(404);

    p.simulator.inject({ failRate: 1, status: 503 });
    const down = await api().put(integration(), { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/application\/problem\+json/);
    p.simulator.inject({});
    expect((await api().get(integration())).status).toBe(404);

    const notConnected = await api().post(`/tenants/${salon.tenantId}/invoices`, { clientId: await newClient('Nog Niet'), lines });
    expect(notConnected.status).toBe(409);
    expect((await api().get(`/tenants/${salon.tenantId}/invoices`)).body.items).toEqual([]);
  });

  it('connects, invoices a client, shows both at the provider, and erasure blanks the client but keeps the invoice for 7 years', async () => {
    const connected = await api().put(integration(), { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({ username: FACTUURSTUREN_ACCOUNT.username, shareClientData: true, consent: { givenBy: salon.owner.id } });
    expect(JSON.stringify((await api().get(integration())).body)).not.toContain(FACTUURSTUREN_ACCOUNT.apiKey);

    const cli = await newClient('Wilhelmina Factuur');
    const bad = await api().post(`/tenants/${salon.tenantId}/invoices`, { clientId: cli, lines: [{ description: '', quantity: -1, unitPriceCents: 1.5, taxRate: 7 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.length).toBeGreaterThan(0);

    const posted = await api().post(`/tenants/${salon.tenantId}/invoices`, { clientId: cli, lines });
    expect(posted.status).toBe(202);
    const invoice = await invoiceDone(posted.body.id);
    expect(invoice.totals).toEqual({ exclTaxCents: 4500, taxCents: 945, inclTaxCents: 5445 });
    const clients = (await atProvider(p, 'clients')) as { contact: string; clientnr: number }[];
    expect(clients.filter((c) => c.contact === 'Wilhelmina Factuur')).toHaveLength(1);
    expect(await atProvider(p, `invoices/${invoice.providerInvoiceNumber}`)).toMatchObject({ invoice: { invoicenr: invoice.providerInvoiceNumber } });

    // The access package names FactuurSturen as recipient and holds the invoice.
    const privacy = client(p.gateway, salon.ownerToken);
    const subject = { kind: 'client', tenantId: salon.tenantId, clientId: cli };
    const access = await privacy.post('/privacy/requests', { type: 'access', subject });
    await eventually(async () => (await privacy.get(`/privacy/requests/${access.body.id}`)).body.status === 'completed', 'the access request', 30_000);
    const zip = await fetch(`${p.gateway}/api/v1/privacy/requests/${access.body.id}/export`, { headers: { authorization: `Bearer ${salon.ownerToken}` } });
    const files = [...unzip(Buffer.from(await zip.arrayBuffer())).entries()].filter(([name]) => name.startsWith('billing-integration/'));
    const text = files.map(([, content]) => content.toString('utf8')).join('\n');
    expect(text).toContain('FactuurSturen');
    expect(text).toContain(invoice.providerInvoiceNumber);

    const erasure = await privacy.post('/privacy/requests', { type: 'erasure', subject });
    expect(erasure.status).toBe(202);
    const done = await eventually(async () => {
      const res = await privacy.get(`/privacy/requests/${erasure.body.id}`);
      return res.body.status === 'completed' && res.body;
    }, 'the erasure', 30_000);
    const retained = (done.report as { action: string; reason?: string; retainedUntil?: string }[]).filter((r) => r.action === 'retained' && /AWR/.test(r.reason ?? ''));
    expect(retained.length).toBeGreaterThan(0);
    const until = new Date(retained[0]?.retainedUntil as string);
    expect(until.getUTCFullYear()).toBe(new Date().getUTCFullYear() + 7);

    // At the provider: the client is gone or blanked, the invoice is still there.
    const after = (await atProvider(p, 'clients')) as { contact: string; email: string; phone: string }[];
    expect(after.filter((c) => c.contact === 'Wilhelmina Factuur' || c.email === 'wilhelmina@example.nl' || c.phone === '0612345678')).toEqual([]);
    expect(await atProvider(p, `invoices/${invoice.providerInvoiceNumber}`)).toMatchObject({ invoice: { invoicenr: invoice.providerInvoiceNumber } });
    const copy = await api().get(`/tenants/${salon.tenantId}/invoices/${invoice.id}`);
    expect(copy.body).toMatchObject({ restricted: true, clientId: null, lines: [] });
  }, 120_000);

  it('creates every invoice exactly once while the provider fails half the calls, times out, answers 429, or billing is killed mid-call', async () => {
    const connected = await api().put(integration(), { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
    expect(connected.status).toBe(200);
    const before = ((await atProvider(p, 'invoices')) as unknown[]).length;
    const cli = await newClient('Flaky Klant');

    const ids: string[] = [];
    const faults = [
      { failRate: 0.5, status: 503 as const, seed: 7 },
      { failRate: 0.5, status: 503 as const, failAfterCommit: true, seed: 11 },
      { latencyMs: 2500 }, // past billing's 1.5 s timeout: the answer is lost, the invoice made
      { rateLimitAfter: 1 },
    ];
    for (const fault of faults) {
      p.simulator.inject(fault);
      for (let i = 0; i < 2; i++) {
        const res = await api().post(`/tenants/${salon.tenantId}/invoices`, { clientId: cli, lines });
        expect(res.status).toBe(202);
        ids.push(res.body.id);
      }
      // A crash mid-call (SIGKILL while the slow provider is still making the invoice): nothing lost, nothing doubled.
      if (fault.latencyMs) {
        await new Promise((r) => setTimeout(r, 800));
        await p.restart('billing', 'SIGKILL');
      }
      // While the provider misbehaves the tenant sees a clear status for each.
      const listed = await api().get(`/tenants/${salon.tenantId}/invoices?clientId=${cli}`);
      for (const item of listed.body.items) expect(['pending', 'created']).toContain(item.status);
      await new Promise((r) => setTimeout(r, 1500));
    }
    p.simulator.inject({});
    const created = await Promise.all(ids.map(invoiceDone));
    const numbers = created.map((i) => i.providerInvoiceNumber);
    expect(new Set(numbers).size).toBe(ids.length);
    const all = (await atProvider(p, 'invoices')) as unknown[];
    expect(all.length - before).toBe(ids.length);
    const clients = (await atProvider(p, 'clients')) as { contact: string }[];
    expect(clients.filter((c) => c.contact === 'Flaky Klant')).toHaveLength(1);
  }, 120_000);
});
