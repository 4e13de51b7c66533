import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats } from '@homi/messaging';

/** Where a needle was found: `database.table.column` or `stream NAME seq N`. */
export type Finding = string;

/**
 * Searches every text, json and bytea column of every table in the given databases for each
 * needle, as a regulator's auditor would: not through the API, in the stored rows themselves.
 */
export async function searchDatabases(databases: Record<string, string>, needles: string[]): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const [name, url] of Object.entries(databases)) {
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const columns = await pg.query<{ table_name: string; column_name: string; data_type: string }>(
        `select table_name, column_name, data_type from information_schema.columns
          where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea')`,
      );
      for (const c of columns.rows) {
        for (const needle of needles) {
          const expr = c.data_type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${c.column_name}")` : `position($1 in "${c.column_name}"::text)`;
          const hit = await pg.query(`select 1 from "${c.table_name}" where ${expr} > 0 limit 1`, [needle]);
          if (hit.rowCount) found.push(`${name}.${c.table_name}.${c.column_name} holds ${needle}`);
        }
      }
    } finally {
      await pg.end();
    }
  }
  return found;
}

/** Searches every message retained on every stream of the NATS server, payload and headers. */
export async function searchStreams(natsUrl: string, needles: string[]): Promise<Finding[]> {
  const nc = await connectNats({ url: natsUrl, name: 'forensics' });
  const found: Finding[] = [];
  try {
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list()) {
      const { first_seq, last_seq } = stream.state;
      for (let seq = first_seq; seq > 0 && seq <= last_seq; seq++) {
        const msg = await jsm.streams.getMessage(stream.config.name, { seq }).catch(() => null);
        if (!msg) continue;
        const text = Buffer.from(msg.data).toString('utf8') + JSON.stringify(msg.header ? [...msg.header.keys()].map((k) => msg.header.get(k)) : []);
        for (const needle of needles) if (text.includes(needle)) found.push(`stream ${stream.config.name} seq ${seq} holds ${needle}`);
      }
    }
  } finally {
    await nc.close();
  }
  return found;
}
