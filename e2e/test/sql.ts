import { Client } from 'pg';

/** One statement on a service's database (as the server's superuser the tests connect as); its rows. */
export async function query<R extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    return (await pg.query<R>(sql, params)).rows;
  } finally {
    await pg.end();
  }
}
