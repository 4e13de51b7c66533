import { Client } from 'pg';
import { Connection } from '../src/domain/connection';
import { startedAroundAll } from '@homi/testing';
import { ACCOUNT, as, connectBody, owner, scopeOf, staff, startHarness, type Harness } from './harness';

let h: Harness;
startedAroundAll(startHarness, (started) => (h = started));
beforeEach(() => h.sim.inject({}));

const PATH = '/integrations/factuursturen';

/** Every row of every table of billing's database, as text: what an attacker with a dump would read. */
async function databaseDump(): Promise<string> {
  const pg = new Client({ connectionString: h.databaseUrl });
  await pg.connect();
  try {
    await pg.query(`select set_config('app.all_tenants', 'on', false)`);
    const tables = await pg.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public'`);
    let dump = '';
    for (const { tablename } of tables.rows) dump += JSON.stringify((await pg.query(`select * from "${tablename}"`)).rows);
    return dump;
  } finally {
    await pg.end();
  }
}

describe('connecting a FactuurSturen account', () => {
  it('refuses a wrong API key with a problem naming it, and stores nothing', async () => {
    const api = as(h, owner());
    const res = await api.put(PATH, { ...connectBody(), apiKey: 'not-the-right-key' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/invoicing-credentials-rejected$/);
    expect((await api.get(PATH)).status).toBe(404);
    expect(await databaseDump()).not.toContain('not-the-right-key');
  });

  it('answers 503 while the provider is down, and stores nothing', async () => {
    const api = as(h, owner());
    h.sim.inject({ failRate: 1 });
    const res = await api.put(PATH, connectBody());
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    h.sim.inject({});
    expect((await api.get(PATH)).status).toBe(404);
  });

  it('rejects malformed bodies with field problems', async () => {
    const api = as(h, owner());
    for (const body of [{}, { ...connectBody(), shareClientData: 'yes' }, { ...connectBody(), apiKey: 'a b' }, { ...connectBody(), extra: 1 }]) {
      const res = await api.put(PATH, body);
      expect(res.status).toBe(400);
      expect(res.body.errors?.length).toBeGreaterThan(0);
    }
  });

  it('never answers, logs or stores the API key in plain text', async () => {
    const caller = owner();
    const api = as(h, caller);
    const put = await api.put(PATH, connectBody());
    expect(put.status).toBe(200);
    const get = await api.get(PATH);
    expect(get.body).toEqual({
      provider: 'factuursturen', username: ACCOUNT.username, shareClientData: true, status: 'connected', connectedAt: expect.any(String),
      consent: { givenBy: caller.userId, givenAt: expect.any(String), scope: ['name', 'email', 'phone', 'address'] },
    });
    for (const res of [put, get]) expect(JSON.stringify(res.body)).not.toContain(ACCOUNT.apiKey);
    expect(h.logLines.join('\n')).not.toContain(ACCOUNT.apiKey);
    const dump = await databaseDump();
    expect(dump).toContain(caller.tenantId);
    expect(dump).not.toContain(ACCOUNT.apiKey);
    expect(dump).not.toContain(Buffer.from(ACCOUNT.apiKey).toString('base64'));
  });

  it('records consent given and withdrawn, append-only, with who and when', async () => {
    const caller = owner();
    const api = as(h, caller);
    await api.put(PATH, connectBody(false));
    expect((await api.get(PATH)).body).toMatchObject({ shareClientData: false, consent: null });
    await api.put(PATH, connectBody(true));
    await api.put(PATH, connectBody(true));
    await api.put(PATH, connectBody(false));
    const pg = new Client({ connectionString: h.databaseUrl });
    await pg.connect();
    // The database's owner is held to row-level security too (ADR 4): name the tenant.
    await pg.query(`select set_config('app.tenant_id', $1, false)`, [caller.tenantId]);
    const rows = (await pg.query('select action, actor from consent_records where tenant_id = $1 order by at, id', [caller.tenantId])).rows;
    await pg.end();
    expect(rows).toEqual([{ action: 'given', actor: caller.userId }, { action: 'withdrawn', actor: caller.userId }]);
    // The service's own tenant transactions cannot rewrite or remove the record.
    const scope = scopeOf(h.billing);
    await expect(scope.run(caller.tenantId, (em) => em.execute(`update consent_records set actor = 'someone else'`))).rejects.toThrow(/permission denied/);
    await expect(scope.run(caller.tenantId, (em) => em.execute('delete from consent_records'))).rejects.toThrow(/permission denied/);
  });

  it('disconnects: the key is destroyed, consent withdrawn, and doing it twice is fine', async () => {
    const api = as(h, owner());
    await api.put(PATH, connectBody());
    expect((await api.delete(PATH)).status).toBe(204);
    expect((await api.get(PATH)).status).toBe(404);
    expect((await api.delete(PATH)).status).toBe(204);
  });

  it("keeps tenants apart and checks the invoicing permission", async () => {
    const a = owner();
    await as(h, a).put(PATH, connectBody());
    const b = owner();
    // B's caller context on A's path: refused as an unknown tenant.
    const sneaky = as(h, { ...b, tenantId: b.tenantId });
    expect((await sneaky.get(PATH)).status).toBe(404);
    const forged = await as(h, b).get(PATH).set('x-homi-caller', 'forged.header');
    expect(forged.status).toBe(401);
    const viewer = as(h, staff(a.tenantId, { invoicing: 'view' }));
    expect((await viewer.get(PATH)).status).toBe(200);
    expect((await viewer.put(PATH, connectBody())).status).toBe(403);
    expect((await as(h, staff(a.tenantId, {})).get(PATH)).status).toBe(403);
  });

  it('re-seals keys under a new key after rotation and still uses them', async () => {
    const caller = owner();
    await as(h, caller).put(PATH, connectBody());
    const rotated = await h.startBilling({ env: { BILLING_CREDENTIALS_KEY: Buffer.alloc(32, 9).toString('base64'), BILLING_CREDENTIALS_KEY_ID: 'k2', BILLING_CREDENTIALS_PREVIOUS_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` } });
    try {
      expect(await databaseDump()).not.toMatch(/"key_id":"k1"/);
      // The replica with the new key reads the connection and can still talk to the provider with it.
      const connection = await scopeOf(rotated.billing).run(caller.tenantId, (em) => em.findOneOrFail(Connection, { tenantId: caller.tenantId }));
      expect(connection.keyId).toBe('k2');
      const apiKey = rotated.billing.deps.cipher.open({ keyId: connection.keyId, value: connection.apiKeySealed }, caller.tenantId);
      expect(apiKey).toBe(ACCOUNT.apiKey);
    } finally {
      await rotated.stop();
    }
  });
});
