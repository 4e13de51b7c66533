import { AppError, notFound } from '@homi/service-kit';
import type { tenantDataApi } from '@homi/contracts';
import {
  alertsContext, isSealedNotes, noteContext, openNotes, sealNotes, type ClientAlert, type ClientNote, type DataCipher, type NotesPlace,
} from '../domain/health-data';
import type { Deps } from './deps';
import type { NotesTable, Repositories } from './ports';

// A client's alerts and treatment notes (ADR 50). Sealed under the institute's data key before they
// reach the database and opened only here; the gateway records every call in the institute's audit log.

type HealthDeps = Pick<Deps, 'uow' | 'clock' | 'healthKeys'>;
/** What sealing needs besides a unit of work's repositories: the keys, and the time a new data key is made. */
type Keys = Pick<Deps, 'clock' | 'healthKeys'>;

async function requireClient({ clients }: Repositories, tenantId: string, clientId: string): Promise<void> {
  if (!(await clients.get(tenantId, clientId))) throw notFound('Client');
}

/** The tenant's cipher, or undefined when it has never stored health data. */
async function existingCipher(deps: Keys, r: Pick<Repositories, 'health'>, tenantId: string): Promise<DataCipher | undefined> {
  const key = await r.health.dataKey(tenantId);
  return key ? deps.healthKeys.cipher(key, tenantId) : undefined;
}

/** The tenant's cipher, its data key made on the first write. */
async function cipherForWriting(deps: Keys, r: Pick<Repositories, 'health'>, tenantId: string): Promise<DataCipher> {
  const key = (await r.health.dataKey(tenantId)) ?? (await r.health.addDataKey(tenantId, deps.healthKeys.newDataKey(tenantId), deps.clock()));
  return deps.healthKeys.cipher(key, tenantId);
}

/**
 * The older notes fields of one tenant's clients and appointments in a unit of work (ADR 65): text
 * is sealed under the institute's data key before it is stored (the key made on the first write),
 * and stored notes are opened; older plaintext not yet sealed reads as it is.
 */
export interface TenantNotes {
  seal(place: NotesPlace, text: string | null): Promise<string | null>;
  open(place: NotesPlace, stored: string | null): Promise<string | null>;
}

export function tenantNotes(deps: Keys, r: Pick<Repositories, 'health'>, tenantId: string): TenantNotes {
  let writing: Promise<DataCipher> | undefined;
  let reading: Promise<DataCipher | undefined> | undefined;
  return {
    async seal(place, text) {
      if (text === null) return null;
      writing ??= cipherForWriting(deps, r, tenantId);
      return sealNotes(await writing, tenantId, place, text);
    },
    async open(place, stored) {
      if (stored === null) return null;
      reading ??= writing ?? existingCipher(deps, r, tenantId);
      return openNotes(await reading, tenantId, place, stored);
    },
  };
}

const OLDER_NOTES_BATCH = 500;

/**
 * At start, before any route serves: seals the notes that clients and appointments still hold in
 * plaintext from before ADR 65, a batch per transaction, each institute's under its own key.
 * Idempotent; replicas starting together skip each other's locked rows. Returns how many it sealed.
 */
export async function sealOlderNotes(deps: HealthDeps): Promise<number> {
  let sealed = 0;
  for (const table of ['clients', 'appointments'] as const satisfies readonly NotesTable[]) {
    for (;;) {
      const done = await deps.uow.acrossTenants('sealing the notes written before they were encrypted (ADR 65)', async (r) => {
        const older = await r.health.olderNotes(table, OLDER_NOTES_BATCH);
        const byTenant = new Map<string, TenantNotes>();
        const replaced = [];
        for (const row of older) {
          const notes = byTenant.get(row.tenantId) ?? tenantNotes(deps, r, row.tenantId);
          byTenant.set(row.tenantId, notes);
          const place: NotesPlace = table === 'clients' ? { client: row.id } : { appointment: row.id };
          replaced.push({ id: row.id, notes: (await notes.seal(place, row.text)) as string });
        }
        await r.health.replaceOlderNotes(table, replaced);
        return replaced.length;
      });
      sealed += done;
      if (done < OLDER_NOTES_BATCH) break;
    }
  }
  return sealed;
}

/** The client's alerts (none: an empty list); not_found for a client the tenant does not have. */
export function readAlerts(deps: HealthDeps, tenantId: string, clientId: string): Promise<ClientAlert[]> {
  return deps.uow.forTenant(tenantId, async (r) => {
    await requireClient(r, tenantId, clientId);
    const sealed = await r.health.alerts(tenantId, clientId);
    const cipher = sealed ? await existingCipher(deps, r, tenantId) : undefined;
    if (!sealed || !cipher) return [];
    return JSON.parse(cipher.open(sealed, alertsContext(tenantId, clientId))) as ClientAlert[];
  });
}

/** Replaces the client's alerts with `alerts`; an empty list removes them. */
export function replaceAlerts(deps: HealthDeps, tenantId: string, clientId: string, alerts: ClientAlert[]): Promise<ClientAlert[]> {
  return deps.uow.forTenant(tenantId, async (r) => {
    await requireClient(r, tenantId, clientId);
    const sealed = alerts.length === 0 ? null : (await cipherForWriting(deps, r, tenantId)).seal(JSON.stringify(alerts), alertsContext(tenantId, clientId));
    await r.health.saveAlerts(tenantId, clientId, sealed, deps.clock());
    return alerts;
  });
}

/**
 * The client's notes: those of the client form (`general`, ADR 64) and the treatment notes, oldest
 * first. The one way to read either, so the gateway's audit record of this call covers both.
 */
export function listNotes(deps: HealthDeps, tenantId: string, clientId: string): Promise<{ general: string | null; items: ClientNote[] }> {
  return deps.uow.forTenant(tenantId, async (r) => {
    const client = await r.clients.get(tenantId, clientId);
    if (!client) throw notFound('Client');
    const rows = await r.health.notes(tenantId, clientId);
    // One key for both kinds of notes, looked up only when something is sealed.
    const cipher = rows.length || (client.notes && isSealedNotes(client.notes)) ? await existingCipher(deps, r, tenantId) : undefined;
    const items = cipher
      ? rows.map(({ sealed, tenantId: _t, clientId: _c, ...note }) => ({ ...note, text: cipher.open(sealed, noteContext(tenantId, clientId, note.id)) }))
      : [];
    return { general: client.notes === null ? null : openNotes(cipher, tenantId, { client: clientId }, client.notes), items };
  });
}

/** Adds a note by `authorId`; an appointment it names must be one of this client's. Notes are never changed, only added (WGBO). */
export function addNote(
  deps: HealthDeps & Pick<Deps, 'newId'>, tenantId: string, clientId: string, authorId: string, input: tenantDataApi.CreateClientNote,
): Promise<ClientNote> {
  return deps.uow.forTenant(tenantId, async (r) => {
    await requireClient(r, tenantId, clientId);
    const appointmentId = input.appointmentId ?? null;
    if (appointmentId) {
      const appointment = await r.appointments.get(tenantId, appointmentId);
      if (!appointment || appointment.clientId !== clientId) {
        throw new AppError('invalid', 'The appointment is not one of this client\'s.', { errors: [{ path: 'appointmentId', message: 'is not an appointment of this client' }] });
      }
    }
    const id = deps.newId('nte');
    const note = { id, appointmentId, authorId, createdAt: deps.clock() };
    const sealed = (await cipherForWriting(deps, r, tenantId)).seal(input.text, noteContext(tenantId, clientId, id));
    await r.health.addNote({ ...note, tenantId, clientId, sealed });
    return { ...note, text: input.text };
  });
}

/**
 * After a rotation of the key-encryption key: wraps every data key still under a retired one with the
 * current one, so the retired key can be removed from the configuration. The data is not touched.
 * Idempotent; replicas starting together wait on each other's row locks. Returns how many it re-wrapped.
 */
export function rewrapDataKeys(deps: HealthDeps): Promise<number> {
  return deps.uow.acrossTenants('re-wrapping health-data keys after a key rotation', async ({ health }) => {
    const stale = await health.keysWrappedUnderOtherThan(deps.healthKeys.currentKekId);
    for (const key of stale) await health.replaceDataKey(key.tenantId, deps.healthKeys.rewrap(key, key.tenantId), deps.clock());
    return stale.length;
  });
}
