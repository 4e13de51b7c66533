import { type FactuurSturenSimulator, startFactuurSturenSimulator } from '../src';

const account = { username: 'salon@example.nl', apiKey: 'key-1' };
let sim: FactuurSturenSimulator;

beforeAll(async () => {
  sim = await startFactuurSturenSimulator({ accounts: [account, { username: 'other@example.nl', apiKey: 'key-2' }] });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const auth = (username = account.username, apiKey = account.apiKey) =>
  'Basic ' + Buffer.from(`${username}:${apiKey}`).toString('base64');

function call(method: string, path: string, body?: unknown, authorization = auth()) {
  return fetch(`${sim.url}/api/v1/${path}`, {
    method,
    headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function createClient(fields: Record<string, unknown> = { contact: 'Anna de Vries', email: 'anna@example.nl' }) {
  const res = await call('POST', 'clients', fields);
  expect(res.status).toBe(201);
  return res.text();
}

const line = { amount: 1, description: 'Knippen', tax_rate: 21, price: 30 };

describe('FactuurSturen simulator', () => {
  it('refuses a wrong API key or a missing Authorization header with 401 and a Basic challenge', async () => {
    const wrong = await call('GET', 'clients', undefined, auth(account.username, 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await fetch(`${sim.url}/api/v1/clients`)).status).toBe(401);
  });

  it('answers a created client number as a plain body and returns the client with string-typed fields', async () => {
    const nr = await createClient({ contact: 'Anna de Vries', zipcode: '1234 AB', city: 'Utrecht', email: 'anna@example.nl' });
    expect(nr).toBe('1');
    const res = await call('GET', `clients/${nr}`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const { client } = (await res.json()) as { client: Record<string, unknown> };
    expect(client).toMatchObject({ clientnr: '1', contact: 'Anna de Vries', city: 'Utrecht', active: 'true', showcontact: 'true' });
    const list = (await (await call('GET', 'clients')).json()) as unknown[];
    expect(list).toHaveLength(1);
  });

  it('updates a client with PUT and keeps the fields it was not sent', async () => {
    const nr = await createClient();
    expect((await call('PUT', `clients/${nr}`, { city: 'Gouda' })).status).toBe(200);
    expect(sim.state.account(account.username).clients[0]).toMatchObject({ contact: 'Anna de Vries', city: 'Gouda' });
    expect((await call('PUT', 'clients/99', { city: 'Gouda' })).status).toBe(404);
  });

  it('keeps accounts apart', async () => {
    await createClient();
    const theirs = (await (await call('GET', 'clients', undefined, auth('other@example.nl', 'key-2'))).json()) as unknown[];
    expect(theirs).toEqual([]);
  });

  it('creates an invoice from keyed or listed lines, answers its number as plain text and computes string totals', async () => {
    const clientnr = await createClient();
    const res = await call('POST', 'invoices', {
      clientnr, action: 'send', sendmethod: 'mail',
      lines: { line1: line, line2: { amount: '2', description: 'Wax', tax_rate: '9', price: '10.50' } },
    });
    expect(res.status).toBe(201);
    const invoicenr = await res.text();
    expect(invoicenr).toMatch(/^\d{8}$/);
    const { invoice } = (await (await call('GET', `invoices/${invoicenr}`)).json()) as { invoice: Record<string, unknown> };
    expect(invoice).toMatchObject({
      invoicenr, clientnr: '1', totalexcltax: '51.00', tax: '8.19', totalintax: '59.19', open: '59.19', collection: '0',
      lines: { line1: { amount: '1', tax_rate: '21', price: '30.00' }, line2: { amount: '2', tax_rate: '9', price: '10.50' } },
    });
    const listed = await call('POST', 'invoices', { clientnr: Number(clientnr), action: 'send', sendmethod: 'mail', lines: [line] });
    expect(listed.status).toBe(201);
  });

  it.each([
    [{ action: 'send', sendmethod: 'mail', lines: [line] }, /clientnr is required/],
    [{ clientnr: '42', action: 'send', sendmethod: 'mail', lines: [line] }, /Client 42 does not exist/],
    [{ clientnr: '1', sendmethod: 'mail', lines: [line] }, /action is required/],
    [{ clientnr: '1', action: 'send', lines: [line] }, /sendmethod is required/],
    [{ clientnr: '1', action: 'send', sendmethod: 'mail', lines: [] }, /at least one line/],
    [{ clientnr: '1', action: 'send', sendmethod: 'mail', lines: [{ ...line, tax_rate: 19 }] }, /tax_rate 19 is not a valid tax rate/],
    [{ clientnr: '1', action: 'send', sendmethod: 'mail', lines: [{ ...line, price: 'ten' }] }, /price must be a number/],
  ])('refuses an invalid invoice with 400 and a message (%#)', async (body, message) => {
    await createClient();
    const res = await call('POST', 'invoices', body);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(message);
    expect(sim.state.account(account.username).invoices).toHaveLength(0);
  });

  it('refuses to send by e-mail to a client without an address', async () => {
    const clientnr = await createClient({ company: 'Kapsalon Knip' });
    const res = await call('POST', 'invoices', { clientnr, action: 'send', sendmethod: 'email', lines: [line] });
    expect(res.status).toBe(400);
  });

  it('refuses to delete a client that invoices refer to, and deletes one without', async () => {
    const withInvoice = await createClient();
    await call('POST', 'invoices', { clientnr: withInvoice, action: 'send', sendmethod: 'mail', lines: [line] });
    const refused = await call('DELETE', `clients/${withInvoice}`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/invoice\(s\) refer/);
    const without = await createClient({ contact: 'Bea' });
    expect((await call('DELETE', `clients/${without}`)).status).toBe(200);
    expect(sim.state.account(account.username).clients.map((c) => String(c.clientnr))).toEqual([withInvoice]);
  });

  it('serves an invoice PDF and the product list', async () => {
    const clientnr = await createClient();
    const invoicenr = await (await call('POST', 'invoices', { clientnr, action: 'send', sendmethod: 'mail', lines: [line] })).text();
    const pdf = await fetch(`${sim.url}/api/v1/invoices_pdf/${invoicenr}`, { headers: { authorization: auth() } });
    expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toMatch(/^%PDF-1\.4[\s\S]*%%EOF\n$/);
    const products = (await (await call('GET', 'products')).json()) as Record<string, string>[];
    expect(products[0]).toMatchObject({ id: '1', price: '30.00', taxes: '21', priceintax: '36.30' });
  });

  it('counts the rate budget down in x-ratelimit-remaining and answers 429 with Retry-After when it is spent, per account', async () => {
    sim.inject({ rateLimitAfter: 2 });
    expect((await call('GET', 'clients')).headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await call('GET', 'clients')).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await call('GET', 'clients');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await call('GET', 'clients', undefined, auth('other@example.nl', 'key-2'));
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('1');
  });

  it('fails the next requests before they take effect, or after when the answer is to be lost', async () => {
    sim.inject({ failNext: 1, status: 500 });
    expect((await call('POST', 'clients', { contact: 'Anna' })).status).toBe(500);
    expect(sim.state.account(account.username).clients).toHaveLength(0);
    sim.inject({ failNext: 1, failAfterCommit: true });
    expect((await call('POST', 'clients', { contact: 'Anna' })).status).toBe(503);
    expect(sim.state.account(account.username).clients).toHaveLength(1);
    expect((await call('GET', 'clients')).status).toBe(200);
  });

  it('fails about the injected share of requests, the same ones every run', async () => {
    const run = async () => {
      sim.inject({ failRate: 0.5, seed: 7 });
      const statuses: number[] = [];
      for (let n = 0; n < 40; n++) statuses.push((await call('GET', 'products')).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(10);
    expect(first.filter((s) => s === 503).length).toBeLessThan(30);
    expect(await run()).toEqual(first);
  });

  it('delays answers by the injected latency', async () => {
    sim.inject({ latencyMs: 150 });
    const started = Date.now();
    await call('GET', 'products');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('logs every request with its answer', async () => {
    await call('GET', 'products');
    await call('GET', 'clients', undefined, auth('x', 'y'));
    expect(sim.state.requests).toEqual([
      { method: 'GET', path: '/api/v1/products', status: 200, username: account.username },
      { method: 'GET', path: '/api/v1/clients', status: 401, username: undefined },
    ]);
  });
});
