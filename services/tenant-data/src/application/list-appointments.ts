import { z } from 'zod';
import type { tenantDataApi } from '@homi/contracts';
import type { Appointment } from '../domain/appointment';
import type { Client } from '../domain/client';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import type { Deps } from './deps';

const AppointmentCursor = z.strictObject({ s: z.iso.datetime(), id: z.string().max(64) });

export interface AppointmentWithClient {
  appointment: Appointment;
  client: Client;
}

/** A page of the agenda in start order (or the reverse), each appointment with its client. */
export async function listAppointments(
  deps: Deps,
  tenantId: string,
  query: tenantDataApi.ListAppointmentsQuery,
): Promise<{ items: AppointmentWithClient[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, AppointmentCursor);
  return deps.uow.forTenant(tenantId, async ({ appointments, clients }) => {
    const rows = await appointments.list(tenantId, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      clientId: query.clientId,
      staffId: query.staffId,
      order: query.order,
      limit: query.limit + 1,
      after,
    });
    const page = rows.slice(0, query.limit);
    const found = await clients.getMany(tenantId, [...new Set(page.map((a) => a.clientId))]);
    const byId = new Map(found.map((c) => [c.id, c]));
    const items = page.flatMap((appointment) => {
      const client = byId.get(appointment.clientId);
      return client ? [{ appointment, client }] : [];
    });
    const last = page.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ s: last.startsAt.toISOString(), id: last.id }) : null;
    return { items, nextCursor };
  });
}
