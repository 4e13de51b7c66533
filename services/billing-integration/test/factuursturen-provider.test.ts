// The adapter against the FactuurSturen simulator over real sockets: no fetch mocks.
import { type FactuurSturenSimulator, startFactuurSturenSimulator } from '@homi/factuursturen-simulator';
import { AppError } from '@homi/service-kit';
import { BLANKED_CONTACT, FactuurSturenProvider, type FactuurSturenProviderOptions, INVOICING_PROBLEM } from '../src';

const account = { username: 'salon@example.nl', apiKey: 'fs-key-1' };
const anna = { contact: 'Anna de Vries', address: 'Dorpsstraat 1', zipcode: '1234 AB', city: 'Utrecht', email: 'anna@example.nl', phone: '0612345678' };
const haircut = { quantity: 1, description: 'Knippen', taxRate: 21, unitPriceCents: 3000 };

let sim: FactuurSturenSimulator;
beforeAll(async () => {
  sim = await startFactuurSturenSimulator({ accounts: [account] });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const provider = (options: Partial<FactuurSturenProviderOptions> = {}) =>
  new FactuurSturenProvider({ baseUrl: `${sim.url}/api/v1/`, backoffBaseMs: 5, backoffMaxMs: 20, timeoutMs: 2_000, ...options });

const records = () => sim.state.account(account.username);
const requestsTo = (method: string, path: string) => sim.state.requests.filter((r) => r.method === method && r.path === `/api/v1/${path}`).length;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('FactuurSturenProvider: happy paths', () => {
  it('accepts the right credentials', async () => {
    await expect(provider().verifyCredentials(account)).resolves.toBeUndefined();
  });

  it('creates a client, finds it by our reference and reads it back with numbers parsed', async () => {
    const fs = provider();
    const nr = await fs.createClient(account, 'cli_anna', anna);
    expect(nr).toBe(1);
    const expected = { clientNumber: 1, reference: 'cli_anna', company: '', country: 'NL', ...anna };
    expect(await fs.findClientByReference(account, 'cli_anna')).toEqual(expected);
    expect(await fs.getClient(account, nr)).toEqual(expected);
    expect(await fs.findClientByReference(account, 'cli_other')).toBeUndefined();
    expect(await fs.getClient(account, 99)).toBeUndefined();
  });

  it('finds a record by our reference validating that record only, not every other one of the account', async () => {
    const fs = provider();
    const nr = await fs.createClient(account, 'cli_anna', anna);
    await fs.createClient(account, 'cli_bram', { ...anna, contact: 'Bram' });
    const invoiceNumber = await fs.createInvoice(account, { reference: 'inv_1', clientNumber: nr, lines: [haircut], sendByEmail: false });
    await fs.createInvoice(account, { reference: 'inv_2', clientNumber: nr, lines: [haircut], sendByEmail: false });
    // Another record of an unexpected shape (before: the whole lookup failed on it, and each lookup validated the whole account).
    Object.assign(records().clients[1]!, { email: 12345 });
    Object.assign(records().invoices[1]!, { duedate: 20270101 });
    expect(await fs.findClientByReference(account, 'cli_anna')).toMatchObject({ clientNumber: nr, reference: 'cli_anna' });
    expect(await fs.findInvoiceByReference(account, 'inv_1')).toMatchObject({ invoiceNumber, reference: 'inv_1' });
    // Ours of an unexpected shape is still refused, naming the field only; so is a reference field that is not text.
    await expect(fs.findClientByReference(account, 'cli_bram')).rejects.toThrow('FactuurSturen answered the client of an unexpected shape (email)');
    await expect(fs.findInvoiceByReference(account, 'inv_2')).rejects.toThrow('FactuurSturen answered the invoice of an unexpected shape (duedate)');
    Object.assign(records().clients[1]!, { email: 'bram@example.nl', notes: 7 });
    await expect(fs.findClientByReference(account, 'cli_anna')).rejects.toThrow('FactuurSturen answered the client list of an unexpected shape (1.notes)');
  });

  it('updates only the fields given and keeps the reference', async () => {
    const fs = provider();
    const nr = await fs.createClient(account, 'cli_anna', anna);
    await fs.updateClient(account, nr, { city: 'Gouda', email: 'anna@gouda.nl' });
    expect(await fs.getClient(account, nr)).toMatchObject({ reference: 'cli_anna', contact: 'Anna de Vries', city: 'Gouda', email: 'anna@gouda.nl' });
    expect((await rejection(fs.updateClient(account, 99, { city: 'Gouda' }))).kind).toBe('not_found');
  });

  it('deletes a client, and counts one already gone as deleted', async () => {
    const fs = provider();
    const nr = await fs.createClient(account, 'cli_anna', anna);
    await fs.deleteClient(account, nr);
    expect(records().clients).toHaveLength(0);
    await expect(fs.deleteClient(account, nr)).resolves.toBeUndefined();
  });

  it('creates an invoice and reads it with totals in cents, lines, reference and open (unpaid) state', async () => {
    const fs = provider();
    const clientNumber = await fs.createClient(account, 'cli_anna', anna);
    const wax = { quantity: 2, description: 'Harsen', taxRate: 9, unitPriceCents: 1050 };
    const invoiceNumber = await fs.createInvoice(account, { reference: 'inv_1', clientNumber, lines: [haircut, wax], sendByEmail: true });
    expect(invoiceNumber).toMatch(/^\d{8}$/);
    expect(records().invoices[0]).toMatchObject({ sendmethod: 'email', clientnr: clientNumber });
    const invoice = await fs.getInvoice(account, invoiceNumber);
    expect(invoice).toMatchObject({
      invoiceNumber, clientNumber, reference: 'inv_1', lines: [haircut, wax],
      totalExclTaxCents: 5100, taxCents: 819, totalInclTaxCents: 5919, openCents: 5919, paid: false, paidDate: undefined,
    });
    expect(invoice?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await fs.findInvoiceByReference(account, 'inv_1')).toEqual(invoice);
    expect(await fs.getInvoice(account, '19990001')).toBeUndefined();
  });

  it('sees an invoice become paid', async () => {
    const fs = provider();
    const clientNumber = await fs.createClient(account, 'cli_anna', anna);
    const invoiceNumber = await fs.createInvoice(account, { reference: 'inv_1', clientNumber, lines: [haircut], sendByEmail: false });
    sim.state.markPaid(account.username, invoiceNumber, undefined, new Date('2027-01-05T10:00:00Z'));
    expect(await fs.getInvoice(account, invoiceNumber)).toMatchObject({ paid: true, openCents: 0, paidDate: '2027-01-05' });
  });

  it("lists one client's invoices only", async () => {
    const fs = provider();
    const a = await fs.createClient(account, 'cli_a', { contact: 'A' });
    const b = await fs.createClient(account, 'cli_b', { contact: 'B' });
    await fs.createInvoice(account, { reference: 'inv_a1', clientNumber: a, lines: [haircut], sendByEmail: false });
    await fs.createInvoice(account, { reference: 'inv_b1', clientNumber: b, lines: [haircut], sendByEmail: false });
    await fs.createInvoice(account, { reference: 'inv_a2', clientNumber: a, lines: [haircut], sendByEmail: false });
    expect((await fs.listInvoicesForClient(account, a)).map((i) => i.reference)).toEqual(['inv_a1', 'inv_a2']);
    expect(await fs.listInvoicesForClient(account, 42)).toEqual([]);
  });

  it('fetches the invoice PDF', async () => {
    const fs = provider();
    const clientNumber = await fs.createClient(account, 'cli_anna', anna);
    const invoiceNumber = await fs.createInvoice(account, { reference: 'inv_1', clientNumber, lines: [haircut], sendByEmail: false });
    const pdf = await fs.getInvoicePdf(account, invoiceNumber);
    expect(Buffer.from(pdf!).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(await fs.getInvoicePdf(account, '19990001')).toBeUndefined();
  });

  it('blanks a client that invoices refer to, keeping only our reference, since deleting it is refused', async () => {
    const fs = provider();
    const clientNumber = await fs.createClient(account, 'cli_anna', anna);
    records().clients[0]!.notes += '\nallergisch voor latex';
    await fs.createInvoice(account, { reference: 'inv_1', clientNumber, lines: [haircut], sendByEmail: false });

    const refused = await rejection(fs.deleteClient(account, clientNumber));
    expect(refused).toMatchObject({ kind: 'conflict', type: 'invoicing-client-has-invoices' });
    expect(records().clients).toHaveLength(1);

    await fs.blankClient(account, clientNumber);
    expect(records().clients[0]).toMatchObject({
      contact: BLANKED_CONTACT, company: '', address: '', zipcode: '', city: '', email: '', phone: '', notes: 'homi-ref:cli_anna',
    });
    expect(await fs.findClientByReference(account, 'cli_anna')).toMatchObject({ clientNumber, contact: BLANKED_CONTACT });
    await expect(fs.blankClient(account, 99)).resolves.toBeUndefined();
  });
});

describe('FactuurSturenProvider: refusals', () => {
  it('maps a wrong API key to an invalid-credentials problem, not to an outage', async () => {
    const fs = provider({ failureThreshold: 1 });
    const err = await rejection(fs.verifyCredentials({ ...account, apiKey: 'wrong' }));
    expect(err).toMatchObject({ kind: 'invalid', type: INVOICING_PROBLEM.credentialsRejected, errors: [{ path: 'apiKey' }] });
    expect(requestsTo('GET', 'products')).toBe(1);
    expect(fs.circuit).toBe('closed');
  });

  it("passes the provider's validation message on as invalid", async () => {
    const fs = provider();
    const clientNumber = await fs.createClient(account, 'cli_b', { contact: 'Bea' });
    const err = await rejection(fs.createInvoice(account, { reference: 'inv_1', clientNumber, lines: [{ ...haircut, taxRate: 19 }], sendByEmail: false }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/tax_rate 19 is not a valid tax rate/);
    const noEmail = await rejection(fs.createInvoice(account, { reference: 'inv_2', clientNumber, lines: [haircut], sendByEmail: true }));
    expect(noEmail.message).toMatch(/no e-mail address/);
    expect(records().invoices).toHaveLength(0);
  });

  it('refuses references that cannot be stored as a marker without calling the provider', async () => {
    const err = await rejection(provider().createClient(account, 'cli anna\nhomi-ref:x', anna));
    expect(err.kind).toBe('invalid');
    expect(sim.state.requests).toHaveLength(0);
  });
});

describe('FactuurSturenProvider: rate limit', () => {
  it('fails with rate_limited and Retry-After on 429, then fails fast without calling until it has passed', async () => {
    let now = 1_000_000;
    const fs = provider({ now: () => now, sleep: async () => undefined });
    sim.inject({ rateLimitAfter: 1 });
    await fs.verifyCredentials(account);
    const err = await rejection(fs.verifyCredentials(account));
    expect(err).toMatchObject({ kind: 'rate_limited', type: INVOICING_PROBLEM.rateLimited });
    expect(Number(err.headers?.['Retry-After'])).toBeGreaterThan(0);
    expect(requestsTo('GET', 'products')).toBe(2);

    const fast = await rejection(fs.getClient(account, 1));
    expect(fast.kind).toBe('rate_limited');
    expect(sim.state.requests).toHaveLength(2);

    sim.reset();
    now += 61_000;
    await expect(fs.verifyCredentials(account)).resolves.toBeUndefined();
  });

  it('does not retry a 429 and does not count it against the circuit', async () => {
    const fs = provider({ failureThreshold: 1 });
    sim.inject({ failNext: 1, status: 429 });
    expect((await rejection(fs.getClient(account, 1))).kind).toBe('rate_limited');
    expect(sim.state.requests).toHaveLength(1);
    expect(fs.circuit).toBe('closed');
  });

  it('slows down as x-ratelimit-remaining approaches zero', async () => {
    const pauses: number[] = [];
    const fs = provider({ lowWatermark: 3, slowDownMs: 400, sleep: async (ms) => void pauses.push(ms) });
    sim.inject({ rateLimitAfter: 5 });
    for (let n = 0; n < 5; n++) await fs.verifyCredentials(account);
    // Remaining after each call: 4, 3, 2, 1, 0; pauses start once 3 or fewer are left, growing.
    expect(pauses).toEqual([100, 200, 300]);
  });
});

describe('FactuurSturenProvider: failures', () => {
  it('retries idempotent reads through a provider failing half the calls', async () => {
    const fs = provider({ maxAttempts: 8, failureThreshold: 100 });
    const clientNumber = await fs.createClient(account, 'cli_anna', anna);
    sim.inject({ failRate: 0.5, seed: 3 });
    for (let n = 0; n < 10; n++) {
      expect(await fs.getClient(account, clientNumber)).toMatchObject({ reference: 'cli_anna' });
      expect(await fs.listInvoicesForClient(account, clientNumber)).toEqual([]);
    }
    expect(sim.state.requests.filter((r) => r.status === 503).length).toBeGreaterThan(5);
  });

  it('gives up with unavailable once the attempts are spent, backing off exponentially with jitter', async () => {
    const pauses: number[] = [];
    const fs = provider({ maxAttempts: 4, backoffBaseMs: 100, backoffMaxMs: 1_000, random: () => 1, sleep: async (ms) => void pauses.push(ms) });
    sim.inject({ failNext: 10, status: 500 });
    const err = await rejection(fs.getInvoice(account, '20270001'));
    expect(err).toMatchObject({ kind: 'unavailable', type: INVOICING_PROBLEM.unavailable });
    expect(requestsTo('GET', 'invoices/20270001')).toBe(4);
    expect(pauses).toEqual([100, 200, 400]);
  });

  it('never repeats a creation whose answer was lost, and reconciliation finds what was created', async () => {
    const fs = provider({ maxAttempts: 5 });
    sim.inject({ failNext: 1, failAfterCommit: true });
    const lost = await rejection(fs.createClient(account, 'cli_anna', anna));
    expect(lost).toMatchObject({ kind: 'unavailable', type: INVOICING_PROBLEM.outcomeUnknown });
    expect(requestsTo('POST', 'clients')).toBe(1);

    // What the service does next (ADR 13): look before creating again.
    const found = await fs.findClientByReference(account, 'cli_anna');
    expect(found).toMatchObject({ clientNumber: 1, contact: 'Anna de Vries' });
    expect(records().clients).toHaveLength(1);

    sim.inject({ failNext: 1, failAfterCommit: true, status: 500 });
    const lostInvoice = await rejection(fs.createInvoice(account, { reference: 'inv_1', clientNumber: found!.clientNumber, lines: [haircut], sendByEmail: false }));
    expect(lostInvoice.type).toBe(INVOICING_PROBLEM.outcomeUnknown);
    expect(requestsTo('POST', 'invoices')).toBe(1);
    const invoice = await fs.findInvoiceByReference(account, 'inv_1');
    expect(invoice).toMatchObject({ clientNumber: 1, totalInclTaxCents: 3630 });
    expect(records().invoices).toHaveLength(1);
  });

  it('does not retry a creation that failed before taking effect either; reconciliation then finds nothing', async () => {
    const fs = provider({ maxAttempts: 5 });
    sim.inject({ failNext: 1 });
    expect((await rejection(fs.createClient(account, 'cli_anna', anna))).type).toBe(INVOICING_PROBLEM.outcomeUnknown);
    expect(await fs.findClientByReference(account, 'cli_anna')).toBeUndefined();
    expect(await fs.createClient(account, 'cli_anna', anna)).toBe(1);
    expect(records().clients).toHaveLength(1);
  });

  it('times out a provider slower than the timeout', async () => {
    const fs = provider({ timeoutMs: 100, maxAttempts: 2 });
    sim.inject({ latencyMs: 400 });
    const started = Date.now();
    const err = await rejection(fs.getInvoice(account, '20270001'));
    expect(err).toMatchObject({ kind: 'unavailable', type: INVOICING_PROBLEM.timeout });
    expect(Date.now() - started).toBeLessThan(380);
  });

  it('maps a refused connection to unavailable, and knows a refused POST created nothing', async () => {
    const closed = await startFactuurSturenSimulator({ accounts: [account] });
    const url = closed.url;
    await closed.close();
    const fs = new FactuurSturenProvider({ baseUrl: `${url}/api/v1`, maxAttempts: 2, backoffBaseMs: 1 });
    expect(await rejection(fs.verifyCredentials(account))).toMatchObject({ kind: 'unavailable', type: INVOICING_PROBLEM.unavailable });
    // A refused connection never carried the POST: the outcome is known (nothing was created).
    expect(await rejection(fs.createClient(account, 'cli_anna', anna))).toMatchObject({ kind: 'unavailable', type: INVOICING_PROBLEM.unavailable });
  });
});

describe('FactuurSturenProvider: circuit breaker', () => {
  it('opens after repeated failures, fails fast while open, and closes after the cool-down', async () => {
    const fs = provider({ maxAttempts: 1, failureThreshold: 3, cooldownMs: 300 });
    sim.inject({ failRate: 1 });
    for (let n = 0; n < 3; n++) expect((await rejection(fs.verifyCredentials(account))).type).toBe(INVOICING_PROBLEM.unavailable);
    expect(fs.circuit).toBe('open');

    const fast = await rejection(fs.verifyCredentials(account));
    expect(fast).toMatchObject({ kind: 'unavailable', type: INVOICING_PROBLEM.circuitOpen });
    expect(Number(fast.headers?.['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(sim.state.requests).toHaveLength(3);

    sim.inject({});
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(fs.verifyCredentials(account)).resolves.toBeUndefined();
    expect(fs.circuit).toBe('closed');
    expect(sim.state.requests).toHaveLength(4);
  });

  it('opens again for another cool-down when the trial call fails', async () => {
    let now = 0;
    const fs = provider({ maxAttempts: 1, failureThreshold: 2, cooldownMs: 1_000, now: () => now });
    sim.inject({ failRate: 1 });
    await rejection(fs.verifyCredentials(account));
    await rejection(fs.verifyCredentials(account));
    expect(fs.circuit).toBe('open');
    now += 1_000;
    expect((await rejection(fs.verifyCredentials(account))).type).toBe(INVOICING_PROBLEM.unavailable);
    expect(fs.circuit).toBe('open');
    now += 500;
    expect((await rejection(fs.verifyCredentials(account))).type).toBe(INVOICING_PROBLEM.circuitOpen);
    expect(sim.state.requests).toHaveLength(3);
  });

  it('stops retrying a read once the circuit opens mid-call', async () => {
    const fs = provider({ maxAttempts: 10, failureThreshold: 3, cooldownMs: 60_000 });
    sim.inject({ failRate: 1 });
    expect((await rejection(fs.getClient(account, 1))).kind).toBe('unavailable');
    expect(sim.state.requests).toHaveLength(3);
    expect(fs.circuit).toBe('open');
  });
});
