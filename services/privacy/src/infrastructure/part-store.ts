import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import type { ExportParts, PartChunks } from '../application/ports';
import type { CategorySummary, StoredPart } from '../domain/export-part';

interface UploadRow {
  id: string;
  request_id: string;
  owner: string;
  bytes: string | number;
  records: number;
  categories: CategorySummary[];
}

const toPart = (r: UploadRow): StoredPart => ({
  uploadId: r.id,
  requestId: r.request_id,
  owner: r.owner,
  bytes: Number(r.bytes),
  records: r.records,
  categories: r.categories,
});

/** MikroORM's client for a statement with bound parameters: `em.execute` inlines every parameter into the SQL text. */
const client = (em: EntityManager) => em.getConnection().getClient() as Kysely<unknown>;

/** Postgres' invalid_byte_sequence_for_encoding: a chunk cut inside a character, as uploads before ADR 54 were. */
const INVALID_UTF8 = '22021';

/**
 * Export parts in Postgres as rows of about 256 kB (whole lines) per category, written and read one
 * chunk at a time. An upload becomes the part only when it has been written completely; until then the
 * previous upload (if any) stays the part.
 *
 * A chunk travels as a bound parameter (binary) and comes back as text (whole UTF-8 lines): with
 * MikroORM's inlined parameters a 256 kB chunk was a 512 kB hex literal in a 1 MB JS string, and the
 * bytea came back as hex text twice its size (ADR 54).
 */
export class PartStore {
  /** Starts an upload outside any transaction, so that its chunks can be written one by one. */
  async begin(em: EntityManager, uploadId: string, requestId: string, owner: string, now: Date): Promise<void> {
    await em.execute('insert into export_uploads (id, request_id, owner, started_at) values (?, ?, ?, ?)', [uploadId, requestId, owner, now]);
  }

  async writeChunk(em: EntityManager, uploadId: string, category: string, seq: number, data: Buffer): Promise<void> {
    await client(em).executeQuery(
      CompiledQuery.raw('insert into export_chunks (upload_id, category, seq, data) values ($1, $2, $3, $4)', [uploadId, category, seq, data]),
    );
  }

  /** Makes the upload the part, replacing an earlier one, inside the caller's transaction. */
  async finish(em: EntityManager, uploadId: string, summary: Omit<StoredPart, 'uploadId'>, now: Date): Promise<void> {
    await em.execute('delete from export_uploads where request_id = ? and owner = ? and completed_at is not null', [summary.requestId, summary.owner]);
    await em.execute('update export_uploads set completed_at = ?, bytes = ?, records = ?, categories = cast(? as jsonb) where id = ?', [
      now,
      summary.bytes,
      summary.records,
      JSON.stringify(summary.categories),
      uploadId,
    ]);
  }

  async abort(em: EntityManager, uploadId: string): Promise<void> {
    await em.execute('delete from export_uploads where id = ? and completed_at is null', [uploadId]);
  }

  async current(em: EntityManager, requestId: string, owner: string): Promise<StoredPart | undefined> {
    const rows = await em.execute<UploadRow[]>('select * from export_uploads where request_id = ? and owner = ? and completed_at is not null', [requestId, owner]);
    return rows[0] ? toPart(rows[0]) : undefined;
  }

  async ofRequest(em: EntityManager, requestId: string): Promise<StoredPart[]> {
    const rows = await em.execute<UploadRow[]>('select * from export_uploads where request_id = ? and completed_at is not null order by owner', [requestId]);
    return rows.map(toPart);
  }

  /** The category's bytes in order, one chunk in memory at a time. */
  async *read(em: EntityManager, uploadId: string, category: string): AsyncGenerator<Buffer> {
    const db = client(em);
    let asText = true;
    for (let seq = 0; ; seq++) {
      const params = [uploadId, category, seq];
      let data: Buffer | undefined;
      try {
        if (asText) {
          const { rows } = await db.executeQuery<{ data: string }>(
            CompiledQuery.raw(`select convert_from(data, 'UTF8') as data from export_chunks where upload_id = $1 and category = $2 and seq = $3`, params),
          );
          data = rows[0] ? Buffer.from(rows[0].data, 'utf8') : undefined;
        }
      } catch (err) {
        if ((err as { code?: string }).code !== INVALID_UTF8) throw err;
        asText = false;
      }
      if (!asText) {
        const { rows } = await db.executeQuery<{ data: Buffer }>(CompiledQuery.raw('select data from export_chunks where upload_id = $1 and category = $2 and seq = $3', params));
        data = rows[0]?.data;
      }
      if (!data) return;
      yield data;
    }
  }

  /** Removes every upload of a request (the package expired); returns how many parts went. */
  async deleteRequest(em: EntityManager, requestId: string): Promise<number> {
    const res = await em.execute<{ id: string }[]>('delete from export_uploads where request_id = ? returning id', [requestId]);
    return res.length;
  }

  /** Removes uploads a crashed process left unfinished. */
  async deleteUnfinishedBefore(em: EntityManager, before: Date): Promise<number> {
    const res = await em.execute<{ id: string }[]>('delete from export_uploads where completed_at is null and started_at < ? returning id', [before]);
    return res.length;
  }
}

/** The part store's transactional side over one transaction's entity manager. */
export function ormExportParts(store: PartStore, em: EntityManager): ExportParts {
  return {
    finish: (uploadId, summary, now) => store.finish(em, uploadId, summary, now),
    current: (requestId, owner) => store.current(em, requestId, owner),
    ofRequest: (requestId) => store.ofRequest(em, requestId),
    deleteRequest: (requestId) => store.deleteRequest(em, requestId),
    deleteUnfinishedBefore: (before) => store.deleteUnfinishedBefore(em, before),
  };
}

/** The chunks of uploads, each statement on its own outside any transaction. */
export function ormPartChunks(store: PartStore, orm: MikroORM): PartChunks {
  const em = () => orm.em.fork({ clear: true });
  return {
    begin: (uploadId, requestId, owner, now) => store.begin(em(), uploadId, requestId, owner, now),
    write: (uploadId, category, seq, data) => store.writeChunk(em(), uploadId, category, seq, data),
    abort: (uploadId) => store.abort(em(), uploadId),
    read: (uploadId, category) => store.read(em(), uploadId, category),
  };
}
