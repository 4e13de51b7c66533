import { InvoicingConnected, InvoicingDisconnected, billingApi } from '@homi/contracts';
import { isAppError } from '@homi/service-kit';
import { Invoice } from '../domain/invoice';
import { connectFactuurSturen } from './connect-factuursturen';
import { disconnectFactuurSturen } from './disconnect-factuursturen';
import { getConnection } from './get-connection';
import { inMemoryDeps } from './in-memory';

const TENANT = 'ten_0000000001';
const USER = 'usr_0000000001';
const account = { username: 'salon@example.nl', apiKey: 'key-1' };
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('connecting the FactuurSturen account', () => {
  it('stores the key sealed, records consent given, announces it, and makes pending invoices due now', async () => {
    const { deps, repositories, published, clock, kicks } = inMemoryDeps();
    const waiting = new Invoice('inv_0000000099', TENANT, 'cli_0000000001', [], false, USER, new Date(clock.now.getTime() - 60_000));
    waiting.nextAttemptAt = new Date(clock.now.getTime() + 3600_000);
    repositories.invoices.add(waiting);
    const view = await connectFactuurSturen(deps, TENANT, USER, { ...account, shareClientData: true });
    const stored = repositories.connections.rows.get(TENANT);
    expect(stored).toMatchObject({ username: account.username, keyId: 'k1', shareClientData: true, status: 'connected' });
    expect(stored?.apiKeySealed).not.toBe(account.apiKey);
    expect(view.consent).toMatchObject({ action: 'given', actor: USER, scope: [...billingApi.SHARED_CLIENT_FIELDS] });
    expect(waiting.nextAttemptAt).toEqual(clock.now);
    expect(published.map((e) => e.subject)).toEqual([InvoicingConnected.subject]);
    expect(kicks.issuer).toBe(1);
  });

  it('stores nothing when the provider refuses the credentials', async () => {
    const { deps, repositories, published } = inMemoryDeps();
    const err = await failure(connectFactuurSturen(deps, TENANT, USER, { ...account, apiKey: 'wrong', shareClientData: true }));
    expect(isAppError(err) && err.type).toBe(billingApi.BILLING_PROBLEMS.credentialsRejected);
    expect(repositories.connections.rows.size).toBe(0);
    expect(repositories.consents.rows).toEqual([]);
    expect(published).toEqual([]);
  });

  it('records a consent only when sharing changes: given, unchanged on reconnect, withdrawn when switched off', async () => {
    const { deps, repositories } = inMemoryDeps();
    await connectFactuurSturen(deps, TENANT, USER, { ...account, shareClientData: true });
    await connectFactuurSturen(deps, TENANT, USER, { ...account, shareClientData: true });
    const off = await connectFactuurSturen(deps, TENANT, USER, { ...account, shareClientData: false });
    expect(repositories.consents.rows.map((r) => r.action)).toEqual(['given', 'withdrawn']);
    expect(off.consent).toBeNull();
  });

  it('disconnects: the connection goes, consent in force is withdrawn; twice is once; then not connected', async () => {
    const { deps, repositories, published } = inMemoryDeps();
    await connectFactuurSturen(deps, TENANT, USER, { ...account, shareClientData: true });
    await disconnectFactuurSturen(deps, TENANT, USER);
    await disconnectFactuurSturen(deps, TENANT, USER);
    expect(repositories.connections.rows.size).toBe(0);
    expect(repositories.consents.rows.map((r) => r.action)).toEqual(['given', 'withdrawn']);
    expect(published.map((e) => e.subject)).toEqual([InvoicingConnected.subject, InvoicingDisconnected.subject]);
    const err = await failure(getConnection(deps, TENANT));
    expect(isAppError(err) && err.kind).toBe('not_found');
  });
});
