import { ClientCreated, type tenantDataApi } from '@homi/contracts';
import { Client, recordReminderConsent } from '../domain/client';
import type { Deps } from './deps';
import type { TenantNotes } from './health-data';
import { tenantNotes } from './health-data';
import type { Repositories } from './ports';

/**
 * A new client of the tenant with its ClientCreated event, in the caller's unit of work: the one
 * way a client comes into being, by hand or from an imported file. Its notes are stored sealed (ADR 65).
 */
export async function addClient(
  { clients, events }: Pick<Repositories, 'clients' | 'events'>,
  notes: TenantNotes,
  client: { id: string; tenantId: string; now: Date; importKey?: string },
  input: tenantDataApi.CreateClient,
): Promise<Client> {
  const { id, tenantId, now } = client;
  const created = new Client(id, tenantId, input.name, now);
  created.email = input.email ?? null;
  created.phone = input.phone ?? null;
  created.dateOfBirth = input.dateOfBirth ?? null;
  created.address = input.address ?? null;
  created.notes = await notes.seal({ client: id }, input.notes ?? null);
  created.importKey = client.importKey ?? null;
  if (input.reminderConsent !== undefined) recordReminderConsent(created, input.reminderConsent, now);
  clients.add(created);
  events.publish(ClientCreated, { tenantId, clientId: id, occurredAt: now.toISOString() });
  return created;
}

/** Adds a client to the tenant and announces it; both or neither are committed. */
export async function createClient(deps: Deps, tenantId: string, input: tenantDataApi.CreateClient): Promise<Client> {
  return deps.uow.forTenant(tenantId, async (repositories) =>
    addClient(repositories, tenantNotes(deps, repositories, tenantId), { id: deps.newId('cli'), tenantId, now: deps.clock() }, input),
  );
}
