import { z } from 'zod';
import type { tenantDataApi } from '@homi/contracts';
import type { Appointment } from '../domain/appointment';
import type { Client } from '../domain/client';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { AppointmentRepository } from '../infrastructure/appointment-repository';
import { ClientRepository } from '../infrastructure/client-repository';
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
  return deps.scope.run(tenantId, async (em) => {
    const rows = await new AppointmentRepository(em).list(tenantId, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      clientId: query.clientId,
      order: query.order,
      limit: query.limit + 1,
      after,
    });
    const page = rows.slice(0, query.limit);
    const clients = await new ClientRepository(em).getMany(tenantId, [...new Set(page.map((a) => a.clientId))]);
    const byId = new Map(clients.map((c) => [c.id, c]));
    const items = page.flatMap((appointment) => {
      const client = byId.get(appointment.clientId);
      return client ? [{ appointment, client }] : [];
    });
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last ? encodeCursor({ s: last.startsAt.toISOString(), id: last.id }) : null;
    return { items, nextCursor };
  });
}
