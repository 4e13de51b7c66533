import { startOwnerWithPrivacyStub, type PrivacyStub } from '@homi/privacy-kit/testing';
import { startedAroundAll } from '@homi/testing';
import { BLANKED_CONTACT } from '../src';
import { ACCOUNT, connectedTenant, dyingAfter, eventually, haircut, settled, startHarness, type Harness } from './harness';

// billing-integration as a data owner, against the simulator; a small server stands in for the privacy service's internal routes.
let h: Harness;
let privacy: PrivacyStub;

startedAroundAll(() => startOwnerWithPrivacyStub('billing-integration', (privacyUrl) => startHarness({ privacyUrl })), (started) => ({ h, privacy } = started));

const remoteClient = (clientId: string) => h.sim.state.account(ACCOUNT.username).clients.find((c) => c.notes.includes(`homi-ref:${clientId}`));
const plus7Years = (date: string) => `${Number(date.slice(0, 4)) + 7}${date.slice(4)}`;

async function invoicedClient() {
  const t = await connectedTenant(h, { name: 'Maria Jansen', email: 'maria@example.nl', phone: '0611122233' });
  const invoice = await settled(t.api, (await t.api.post('/invoices', { clientId: t.clientId, lines: [haircut] })).body.id);
  return { ...t, invoice };
}

describe('billing-integration as a data owner', () => {
  it("exports the provider's copy of a client, our invoice copies, and to whom it went under which consent", async () => {
    const { caller, clientId } = await invoicedClient();
    const [result] = await privacy.run('access', { kind: 'client', tenantId: caller.tenantId, clientId });
    expect(result?.outcome).toBe('completed');
    expect(result?.results).toEqual(expect.arrayContaining([
      { category: 'provider-client', records: 1, action: 'exported' },
      { category: 'invoices', records: 1, action: 'exported' },
      { category: 'disclosures', records: 1, action: 'exported' },
    ]));
    const lines = String(result?.upload).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.category === 'provider-client').data).toMatchObject({ recipient: 'FactuurSturen.nl (invoicing processor)', email: 'maria@example.nl', contact: 'Maria Jansen' });
    expect(lines.find((l) => l.category === 'disclosures').data.consent).toMatchObject({ givenBy: caller.userId, scope: ['name', 'email', 'phone', 'address'] });
  });

  it('blanks the client at the provider, keeps invoice copies restricted for 7 years, and a second run changes nothing', async () => {
    const { caller, api, clientId, invoice } = await invoicedClient();
    const results = await privacy.run('erasure', { kind: 'client', tenantId: caller.tenantId, clientId }, 2);
    expect(results.map((r) => r.outcome)).toEqual(['completed', 'completed']);
    const provider = results.map((r) => r.results.find((c) => c.category === 'provider-client')).map((c) => `${c?.action}:${c?.records}`).sort();
    // Each answer is the request's total so far (ADR 58): a second run that blanked anything again would make it 2.
    expect(provider).toEqual(['anonymised:1', 'anonymised:1']);
    for (const r of results) {
      expect(r.results).toContainEqual({ category: 'invoices', records: 1, action: 'retained', reason: 'fiscal retention, AWR art. 52', retainedUntil: `${plus7Years(invoice.invoiceDate)}T00:00:00.000Z` });
    }
    expect(remoteClient(clientId)).toMatchObject({ contact: BLANKED_CONTACT, email: '', phone: '' });
    expect((await api.get(`/invoices/${invoice.id}`)).body).toMatchObject({ restricted: true, clientId: null, lines: [], providerInvoiceNumber: invoice.providerInvoiceNumber });
    expect((await api.get(`/invoices?clientId=${clientId}`)).body.items).toEqual([]);
  });

  it('deletes a client without invoices at the provider', async () => {
    const t = await connectedTenant(h, { name: 'Geen Factuur' });
    const failed = await settled(t.api, (await t.api.post('/invoices', { clientId: t.clientId, lines: [haircut], sendByEmail: true })).body.id);
    expect(failed.status).toBe('failed');
    const [result] = await privacy.run('erasure', { kind: 'client', tenantId: t.caller.tenantId, clientId: t.clientId });
    expect(result?.results).toEqual(expect.arrayContaining([{ category: 'provider-client', records: 1, action: 'erased' }, { category: 'invoices', records: 1, action: 'erased' }]));
    expect(remoteClient(t.clientId)).toBeUndefined();
    expect((await t.api.get(`/invoices/${failed.id}`)).status).toBe(404);
  });

  it('deletes at the provider a client whose creation there lost its commit, found only through its mark (ADR 67)', async () => {
    const t = await connectedTenant(h, { name: 'Verloren Commit' });
    await h.billing.jobs.issuer.stop();
    // Later attempts stop at the lookup, so the client stays made at the provider with no mapping row of ours.
    const { provider, crashed } = dyingAfter('createClient', { findClientByReference: async () => Promise.reject(new Error('process died again')) });
    const doomed = await h.startBilling({ provider });
    try {
      await t.api.post('/invoices', { clientId: t.clientId, lines: [haircut] });
      await eventually(async () => crashed.count > 0, 10_000, 'the doomed attempt');
    } finally {
      await doomed.stop();
    }
    try {
      expect(remoteClient(t.clientId)).toBeDefined();
      const [result] = await privacy.run('erasure', { kind: 'client', tenantId: t.caller.tenantId, clientId: t.clientId });
      expect(result?.results).toEqual(expect.arrayContaining([{ category: 'provider-client', records: 1, action: 'erased' }, { category: 'invoices', records: 1, action: 'erased' }]));
      expect(remoteClient(t.clientId)).toBeUndefined();
    } finally {
      h.billing.jobs.issuer.start();
    }
  });

  it('carries a rectification to the provider', async () => {
    const { caller, clientId } = await invoicedClient();
    const [result] = await privacy.run('rectification', { kind: 'client', tenantId: caller.tenantId, clientId }, 1, { email: 'maria@juist.nl', dateOfBirth: '1990-01-01' });
    expect(result?.results).toEqual([{ category: 'provider-client', records: 1, action: 'rectified' }]);
    expect(remoteClient(clientId)).toMatchObject({ email: 'maria@juist.nl', contact: 'Maria Jansen', phone: '0611122233' });
  });

  it('reports failure, to be retried, while the provider is down', async () => {
    const { caller, clientId } = await invoicedClient();
    h.sim.inject({ failRate: 1 });
    const pending = privacy.run('erasure', { kind: 'client', tenantId: caller.tenantId, clientId });
    await new Promise((r) => setTimeout(r, 1_500));
    h.sim.inject({});
    const [result] = await pending;
    // The kit redelivers with backoff: the erasure is done once the provider answers again.
    expect(result?.outcome).toBe('completed');
    expect(remoteClient(clientId)?.contact).toBe(BLANKED_CONTACT);
  }, 60_000);

  it('erases a tenant: connection, consent and mappings go, invoices stay restricted until retention removes them after 7 years', async () => {
    const { caller, api, invoice } = await invoicedClient();
    const [result] = await privacy.run('erasure', { kind: 'tenant', tenantId: caller.tenantId });
    expect(result?.results).toEqual(expect.arrayContaining([
      { category: 'invoicing-connection', records: 1, action: 'erased' },
      { category: 'sharing-consent', records: 1, action: 'erased' },
      { category: 'client-mapping', records: 1, action: 'erased' },
      expect.objectContaining({ category: 'invoices', records: 1, action: 'retained' }),
    ]));
    expect((await api.get('/integrations/factuursturen')).status).toBe(404);

    const lastDay = plus7Years(invoice.invoiceDate);
    h.setClock(new Date(`${lastDay}T12:00:00Z`));
    try {
      await h.billing.housekeeping.retention.runOnce();
      expect((await api.get(`/invoices/${invoice.id}`)).status).toBe(200);
      h.setClock(new Date(new Date(`${lastDay}T12:00:00Z`).getTime() + 86_400_000));
      await h.billing.housekeeping.retention.runOnce();
      expect((await api.get(`/invoices/${invoice.id}`)).status).toBe(404);
      await h.billing.housekeeping.retention.runOnce();
    } finally {
      h.setClock(undefined);
    }
  });
});
