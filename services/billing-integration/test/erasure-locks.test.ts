import { enterAllTenants } from '@homi/service-kit';
import { startOwnerWithPrivacyStub, type PrivacyStub } from '@homi/privacy-kit/testing';
import { startedAroundAll } from '@homi/testing';
import type { InvoicingProvider } from '../src/application/ports';
import { connectedTenant, eventually, haircut, settled, startHarness, type Harness } from './harness';

// Issue 13: an erasure calls FactuurSturen with no row of ours locked. The provider's deletion is
// held open here (a gate in front of the real adapter), and meanwhile another transaction locks
// and updates the client's mapping and invoice rows within a short lock_timeout.
let h: Harness;
let privacy: PrivacyStub;
let hold: { entered: () => void; release: Promise<void> } | undefined;

const holding = (real: InvoicingProvider): InvoicingProvider => {
  const gated = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const gate = hold;
    if (gate) {
      gate.entered();
      await gate.release;
    }
    return call(...args);
  };
  return Object.assign(Object.create(real) as InvoicingProvider, {
    deleteClient: gated(real.deleteClient.bind(real)),
    blankClient: gated(real.blankClient.bind(real)),
  });
};

startedAroundAll(() => startOwnerWithPrivacyStub('billing-integration', (privacyUrl) => startHarness({ privacyUrl, provider: holding })), (started) => ({ h, privacy } = started));

/** In a transaction of its own: locks and touches the client's mapping and invoice rows, waiting at most `ms` for a lock. */
const lockRowsWithin = (tenantId: string, clientId: string, ms: number) =>
  h.billing.orm.em.fork().transactional(async (em) => {
    await em.execute(`set local lock_timeout = '${ms}ms'`);
    await enterAllTenants(em);
    const mappings = await em.execute<unknown[]>(`select client_id from client_mappings where tenant_id = ? and client_id = ? for update`, [tenantId, clientId]);
    const invoices = await em.execute<unknown[]>(`update invoices set updated_at = updated_at where tenant_id = ? and client_id = ? returning id`, [tenantId, clientId]);
    return { mappings: mappings.length, invoices: invoices.length };
  });

describe('billing-integration erasure and row locks', () => {
  it('holds no lock on the client\'s rows while the provider call is open, and completes once it answers', async () => {
    const t = await connectedTenant(h, { name: 'Lotte Slot', email: 'lotte@example.nl' });
    const invoice = await settled(t.api, (await t.api.post('/invoices', { clientId: t.clientId, lines: [haircut] })).body.id);
    expect(invoice.status).toBe('created');

    let release!: () => void;
    const entered = new Promise<void>((resolve) => {
      hold = { entered: resolve, release: new Promise<void>((r) => (release = r)) };
    });
    const pending = privacy.run('erasure', { kind: 'client', tenantId: t.caller.tenantId, clientId: t.clientId });
    await entered;
    const locked = await lockRowsWithin(t.caller.tenantId, t.clientId, 500).catch((err: unknown) => err);
    hold = undefined;
    release();
    const [result] = await pending;
    expect(locked).toEqual({ mappings: 1, invoices: 1 });
    expect(result?.outcome).toBe('completed');
    expect(result?.results).toContainEqual({ category: 'provider-client', records: 1, action: 'anonymised' });
    await eventually(async () => (await t.api.get(`/invoices/${invoice.id}`)).body.restricted === true, 5_000, 'the invoice copy restricted');
  }, 60_000);
});
