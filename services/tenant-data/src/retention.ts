import type { EntityManager } from '@mikro-orm/postgresql';
import { AppointmentDeleted, ClientDeleted } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { erasedAcrossTenants, erasedByStatement, type RetentionPolicy } from '@homi/privacy-kit';

// The purge jobs behind privacy.ts's declared periods, across all tenants: each batch opens its
// transaction to every tenant's rows (the owner is held to forced row-level security, ADR 4), locks only the
// rows it takes (`for update skip locked`), counts only rows it changed itself, and announces what it
// erased as an ordinary deletion would, so consumers (billing) forget the ids too. They run in this
// order: a note goes before its appointment, an appointment before its client, so each category
// reports its own records.

/** Clears the notes of appointments that ended before the cutoff (the appointment itself may stay a little longer). */
const treatmentNotes = erasedByStatement('treatment-notes', ({ cutoff, batchSize, now }) => ({
  sql: `update appointments set notes = null, updated_at = ? where id in (
          select id from appointments where notes is not null and ends_at < ? order by ends_at limit ${batchSize} for update skip locked)
        returning id`,
  params: [now, cutoff],
}));

/**
 * A client's alerts and notes go with the client (ADR 50): those of clients inactive since the cutoff,
 * before the client, so each category reports its own records.
 */
const ofInactiveClients = (table: 'client_alerts' | 'client_notes', key: string, category: string) =>
  erasedByStatement(category, ({ cutoff, batchSize }) => ({
    sql: `delete from ${table} where (${key}) in (
            select ${key.split(', ').map((k) => `h.${k}`).join(', ')} from ${table} h join clients c on c.tenant_id = h.tenant_id and c.id = h.client_id
            where c.last_activity_at < ? limit ${batchSize} for update of h skip locked)
          returning client_id`,
    params: [cutoff],
  }));
const clientAlerts = ofInactiveClients('client_alerts', 'tenant_id, client_id', 'client-alerts');
const clientNotes = ofInactiveClients('client_notes', 'id', 'client-notes');

/** Deletes appointments that ended before the cutoff. */
const appointments = erasedAcrossTenants('appointments', async ({ em, cutoff, batchSize, now }) => {
  const rows = await em.execute<{ id: string; tenant_id: string; client_id: string }[]>(
    `delete from appointments where id in (
       select id from appointments where ends_at < ? order by ends_at limit ${batchSize} for update skip locked)
     returning id, tenant_id, client_id`,
    [cutoff],
  );
  for (const r of rows) enqueue(em, AppointmentDeleted, { tenantId: r.tenant_id, appointmentId: r.id, clientId: r.client_id, occurredAt: now.toISOString() });
  return rows.length;
});

/** Deletes clients without any activity since the cutoff (and, by then, without appointments). */
const clientProfiles = erasedAcrossTenants('client-profile', async ({ em, cutoff, batchSize, now }) => {
  const rows = await deleteInactiveClients(em, cutoff, batchSize);
  for (const r of rows) enqueue(em, ClientDeleted, { tenantId: r.tenant_id, clientId: r.id, occurredAt: now.toISOString() });
  return rows.length;
});

function deleteInactiveClients(em: EntityManager, cutoff: Date, batchSize: number) {
  return em.execute<{ id: string; tenant_id: string }[]>(
    `delete from clients where id in (
       select id from clients where last_activity_at < ? order by last_activity_at limit ${batchSize} for update skip locked)
     returning id, tenant_id`,
    [cutoff],
  );
}

export const retentionPolicies: readonly RetentionPolicy[] = [treatmentNotes, appointments, clientAlerts, clientNotes, clientProfiles];
