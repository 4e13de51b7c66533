import { Client } from 'pg';
import { createDatabase, databaseUrlFor, dropDatabase, uniqueName } from '../src/database';
import { testInfra } from '../src/infra';

let serverUrl: string;
const created: string[] = [];

beforeAll(async () => {
  serverUrl = (await testInfra()).databaseUrl;
});

afterAll(async () => {
  await Promise.all(created.map((name) => dropDatabase(serverUrl, name)));
});

async function exists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

function track(name: string): string {
  created.push(name);
  return name;
}

describe('createDatabase', () => {
  it('creates the database and returns a URL that connects to it', async () => {
    const name = track(uniqueName('create'));
    const url = await createDatabase(serverUrl, name);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows[0]?.db).toBe(name);
    } finally {
      await client.end();
    }
  });

  it('leaves an existing database and its data alone', async () => {
    const name = track(uniqueName('again'));
    const url = await createDatabase(serverUrl, name);
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE kept (id int)');
    await client.end();

    await expect(createDatabase(serverUrl, name)).resolves.toBe(url);
    const again = new Client({ connectionString: url });
    await again.connect();
    try {
      await expect(again.query('SELECT count(*) FROM kept')).resolves.toBeDefined();
    } finally {
      await again.end();
    }
  });

  it('succeeds for every caller when several create the same database at once', async () => {
    const name = track(uniqueName('race'));
    const urls = await Promise.all([1, 2, 3, 4].map(() => createDatabase(serverUrl, name)));
    expect(new Set(urls).size).toBe(1);
    expect(await exists(name)).toBe(true);
  });

  it('rejects a name Postgres would truncate', async () => {
    await expect(createDatabase(serverUrl, 'x'.repeat(64))).rejects.toThrow('1 to 63 bytes');
  });
});

describe('dropDatabase', () => {
  it('drops a database that still has open connections', async () => {
    const name = uniqueName('drop');
    const url = await createDatabase(serverUrl, name);
    const open = new Client({ connectionString: url });
    open.on('error', () => undefined); // its connection is ended under it
    await open.connect();

    await dropDatabase(serverUrl, name);

    expect(await exists(name)).toBe(false);
    await open.end().catch(() => undefined);
  });

  it('does nothing when the database does not exist', async () => {
    await expect(dropDatabase(serverUrl, uniqueName('missing'))).resolves.toBeUndefined();
  });
});

describe('databaseUrlFor', () => {
  it('swaps only the database, keeping credentials, host and options', () => {
    expect(databaseUrlFor('postgres://app:s3cret@db.local:6543/postgres?sslmode=disable', 'homi_tenant_data')).toBe(
      'postgres://app:s3cret@db.local:6543/homi_tenant_data?sslmode=disable',
    );
  });

  it('adds the database to a server URL without one', () => {
    expect(databaseUrlFor('postgres://postgres@127.0.0.1:5432', 'homi_identity')).toBe('postgres://postgres@127.0.0.1:5432/homi_identity');
  });
});

describe('uniqueName', () => {
  it('gives a new valid lower-case identifier on every call', () => {
    const names = Array.from({ length: 50 }, () => uniqueName('Tenant-Data'));
    expect(new Set(names).size).toBe(50);
    for (const name of names) expect(name).toMatch(/^tenant_data_[a-z0-9_]+$/);
  });

  it('stays within the 63 bytes Postgres keeps of a name', () => {
    expect(Buffer.byteLength(uniqueName('p'.repeat(100)))).toBeLessThanOrEqual(63);
  });
});
