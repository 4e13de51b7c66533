import type { EntityManager } from '@mikro-orm/postgresql';
import type { HealthDataRepository, NotesTable, OlderNotes } from '../application/ports';
import { SEALED_NOTES, type SealedNote, type WrappedKey } from '../domain/health-data';

interface NoteRow { id: string; tenant_id: string; client_id: string; appointment_id: string | null; author_id: string; sealed: string; created_at: Date }

/** HealthDataRepository over the unit of work's transaction (plain SQL: the rows hold only ids, times and sealed text). */
export class SqlHealthDataRepository implements HealthDataRepository {
  constructor(private readonly em: EntityManager) {}

  async dataKey(tenantId: string): Promise<WrappedKey | null> {
    const [row] = await this.em.execute<{ kek_id: string; wrapped_key: string }[]>(
      'select kek_id, wrapped_key from health_data_keys where tenant_id = ?', [tenantId]);
    return row ? { kekId: row.kek_id, wrapped: row.wrapped_key } : null;
  }

  async addDataKey(tenantId: string, key: WrappedKey, at: Date): Promise<WrappedKey> {
    await this.em.execute(
      'insert into health_data_keys (tenant_id, kek_id, wrapped_key, created_at, wrapped_at) values (?, ?, ?, ?, ?) on conflict (tenant_id) do nothing',
      [tenantId, key.kekId, key.wrapped, at, at]);
    const stored = await this.dataKey(tenantId);
    if (!stored) throw new Error('the health-data key was not stored');
    return stored;
  }

  async alerts(tenantId: string, clientId: string): Promise<string | null> {
    const [row] = await this.em.execute<{ sealed: string }[]>(
      'select sealed from client_alerts where tenant_id = ? and client_id = ?', [tenantId, clientId]);
    return row?.sealed ?? null;
  }

  async saveAlerts(tenantId: string, clientId: string, sealed: string | null, at: Date): Promise<void> {
    if (sealed === null) {
      await this.em.execute('delete from client_alerts where tenant_id = ? and client_id = ?', [tenantId, clientId]);
      return;
    }
    await this.em.execute(
      `insert into client_alerts (tenant_id, client_id, sealed, updated_at) values (?, ?, ?, ?)
       on conflict (tenant_id, client_id) do update set sealed = excluded.sealed, updated_at = excluded.updated_at`,
      [tenantId, clientId, sealed, at]);
  }

  async notes(tenantId: string, clientId: string): Promise<SealedNote[]> {
    const rows = await this.em.execute<NoteRow[]>(
      'select * from client_notes where tenant_id = ? and client_id = ? order by created_at, id', [tenantId, clientId]);
    return rows.map((r) => ({
      id: r.id, tenantId: r.tenant_id, clientId: r.client_id, appointmentId: r.appointment_id, authorId: r.author_id, sealed: r.sealed,
      createdAt: new Date(r.created_at),
    }));
  }

  async addNote(n: SealedNote): Promise<void> {
    await this.em.execute(
      'insert into client_notes (id, tenant_id, client_id, appointment_id, author_id, sealed, created_at) values (?, ?, ?, ?, ?, ?, ?)',
      [n.id, n.tenantId, n.clientId, n.appointmentId, n.authorId, n.sealed, n.createdAt]);
  }

  async keysWrappedUnderOtherThan(kekId: string): Promise<({ tenantId: string } & WrappedKey)[]> {
    const rows = await this.em.execute<{ tenant_id: string; kek_id: string; wrapped_key: string }[]>(
      'select tenant_id, kek_id, wrapped_key from health_data_keys where kek_id <> ? for update', [kekId]);
    return rows.map((r) => ({ tenantId: r.tenant_id, kekId: r.kek_id, wrapped: r.wrapped_key }));
  }

  async replaceDataKey(tenantId: string, key: WrappedKey, at: Date): Promise<void> {
    await this.em.execute('update health_data_keys set kek_id = ?, wrapped_key = ?, wrapped_at = ? where tenant_id = ?', [key.kekId, key.wrapped, at, tenantId]);
  }

  async olderNotes(table: NotesTable, limit: number): Promise<OlderNotes[]> {
    const rows = await this.em.execute<{ id: string; tenant_id: string; notes: string }[]>(
      `select id, tenant_id, notes from ${table} where notes is not null and left(notes, ${SEALED_NOTES.length}) <> ?
       order by id limit ${Math.trunc(limit)} for update skip locked`,
      [SEALED_NOTES]);
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, text: r.notes }));
  }

  async replaceOlderNotes(table: NotesTable, sealed: { id: string; notes: string }[]): Promise<void> {
    if (sealed.length === 0) return;
    await this.em.execute(
      `update ${table} t set notes = s.notes from json_to_recordset(?::json) as s(id text, notes text) where t.id = s.id`,
      [JSON.stringify(sealed)]);
  }
}
