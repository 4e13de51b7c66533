import { ClientUpdated, type tenantDataApi } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { applyClientChanges, recordReminderConsent, type Client } from '../domain/client';
import type { Deps } from './deps';
import { tenantNotes, type TenantNotes } from './health-data';
import type { Repositories } from './ports';

/**
 * The one way a client's data changes, inside a unit of work already open: for the client routes
 * and for a privacy rectification alike. An event only when something changed; undefined when the
 * tenant has no such client. Notes are compared as text and stored sealed (ADR 65).
 */
export async function changeClient(
  { clients, events }: Pick<Repositories, 'clients' | 'events'>,
  notes: TenantNotes,
  tenantId: string,
  clientId: string,
  changes: tenantDataApi.UpdateClient,
  now: Date,
): Promise<Client | undefined> {
  const client = await clients.get(tenantId, clientId);
  if (!client) return undefined;
  const { notes: text, ...fields } = changes;
  const consentChanged = changes.reminderConsent !== undefined && recordReminderConsent(client, changes.reminderConsent, now);
  // Compared as text: sealing the same text again gives another value, which is no change.
  let notesChanged = false;
  if (text !== undefined && text !== (await notes.open({ client: clientId }, client.notes))) {
    notesChanged = applyClientChanges(client, { notes: await notes.seal({ client: clientId }, text) }, now);
  }
  if (applyClientChanges(client, fields, now) || notesChanged || consentChanged) {
    events.publish(ClientUpdated, { tenantId, clientId, occurredAt: now.toISOString() });
  }
  return client;
}

/** Rectifies a client's data; an event is published only when something changed. */
export async function updateClient(deps: Deps, tenantId: string, clientId: string, changes: tenantDataApi.UpdateClient): Promise<Client> {
  return deps.uow.forTenant(tenantId, async (repositories) => {
    const client = await changeClient(repositories, tenantNotes(deps, repositories, tenantId), tenantId, clientId, changes, deps.clock());
    if (!client) throw notFound('Client');
    return client;
  });
}
