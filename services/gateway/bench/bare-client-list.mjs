// The client-list bench's floor (issue 17): a bare node:http server answering the same page of
// clients as tenant-data's GET /api/v1/tenants/:tenantId/clients, with the same SQL on the same
// database in the same kind of transaction (the tenant in `app.tenant_id` and the row-level-security
// role, ADR 4), and the same JSON. No express, no ORM, no caller context, no logging: what Node and
// Postgres cost for this answer, so the bench can say how much HOMi's service adds to it.
// Started as a process by gateway.bench.mjs: DATABASE_URL (tenant-data's database), TENANT_ROLE,
// HOST, PORT; answers /readyz as startServiceProcess expects.
import { createServer } from 'node:http';
import pg from 'pg';

const { DATABASE_URL, TENANT_ROLE, HOST = '127.0.0.1', PORT = '0', HOMI_INSTANCE_ID = '' } = process.env;
if (!DATABASE_URL || !TENANT_ROLE) throw new Error('set DATABASE_URL and TENANT_ROLE');

// The statements tenant-data sends for a first page without a search (client-repository.ts), with
// the tenant and the role bound in one statement.
const ENTER_TENANT = `select set_config('app.tenant_id', $1, true), set_config('role', $2, true)`;
const PAGE = `select id, tenant_id, name, email, phone, date_of_birth::text as date_of_birth, address, notes, import_key, reminder_consent, reminder_consent_at, created_at, updated_at, last_activity_at
  from clients where tenant_id = $1 order by lower(name), id limit $2`;

const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
// An idle connection Postgres closes (a restart, the bench dropping the database) is discarded by
// pg and replaced; without a listener its error would end the process.
pool.on('error', () => undefined);
const ROUTE = /^\/api\/v1\/tenants\/([^/?]+)\/clients(?:\?(.*))?$/;

async function page(tenantId, limit) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      await client.query({ name: 'enter-tenant', text: ENTER_TENANT, values: [tenantId, TENANT_ROLE] });
      const { rows } = await client.query({ name: 'client-page', text: PAGE, values: [tenantId, limit + 1] });
      await client.query('commit');
      return rows;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    }
  } finally {
    client.release();
  }
}

const present = (r) => ({
  id: r.id, name: r.name, email: r.email, phone: r.phone, dateOfBirth: r.date_of_birth, address: r.address, hasNotes: r.notes !== null,
  reminderConsent: r.reminder_consent !== null && r.reminder_consent_at ? { given: r.reminder_consent, at: r.reminder_consent_at.toISOString() } : null,
  masked: false, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

const server = createServer((req, res) => {
  if (req.url === '/readyz' || req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json', 'x-instance-id': HOMI_INSTANCE_ID }).end('{"status":"ok"}');
    return;
  }
  const match = req.method === 'GET' ? ROUTE.exec(req.url ?? '') : null;
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const limit = Math.min(100, Math.max(1, Number(new URLSearchParams(match[2] ?? '').get('limit') ?? 25) || 25));
  page(decodeURIComponent(match[1]), limit).then(
    (rows) => {
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify({ n: last.name.toLowerCase(), id: last.id })).toString('base64url') : null;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ items: items.map(present), nextCursor }));
    },
    () => res.writeHead(503).end(),
  );
});
server.keepAliveTimeout = 5_000;
server.listen(Number(PORT), HOST);
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
