import { z } from 'zod';
import type { tenantDataApi } from '@homi/contracts';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import type { Client } from '../domain/client';
import type { Deps } from './deps';

const ClientCursor = z.strictObject({ n: z.string().max(400), id: z.string().max(64) });

/** A page of the tenant's clients by name, optionally filtered by a name fragment. */
export async function listClients(
  deps: Deps,
  tenantId: string,
  query: tenantDataApi.ListClientsQuery,
): Promise<{ items: Client[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, ClientCursor);
  const rows = await deps.uow.forTenant(tenantId, ({ clients }) => clients.list(tenantId, { q: query.q, limit: query.limit + 1, after }));
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ n: last.name.toLowerCase(), id: last.id }) : null;
  return { items, nextCursor };
}
