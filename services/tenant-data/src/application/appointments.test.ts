import { AppointmentCreated, AppointmentDeleted, AppointmentUpdated } from '@homi/contracts';
import { isAppError } from '@homi/service-kit';
import { createAppointment } from './create-appointment';
import { createClient } from './create-client';
import { deleteAppointment } from './delete-appointment';
import { inMemoryDeps } from './in-memory';
import { listAppointments } from './list-appointments';
import { updateAppointment } from './update-appointment';

const TENANT = 'ten_0000000001';
const OWNER = { role: 'owner' } as const;
const at = (hour: number, day = 10) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('appointment use cases', () => {
  it("books only for the tenant's own client, and counts the appointment's end as the client's activity", async () => {
    const { deps, repositories, published } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    const appointment = await createAppointment(deps, TENANT, { clientId: client.id, startsAt: at(9), endsAt: at(10), treatment: 'Pedicure' }, OWNER);
    expect(repositories.clients.rows.get(client.id)?.lastActivityAt.toISOString()).toBe(at(10));
    expect(published.at(-1)).toMatchObject({ subject: AppointmentCreated.subject, data: { appointmentId: appointment.id, clientId: client.id } });
    const refused = await createAppointment(deps, 'ten_0000000002', { clientId: client.id, startsAt: at(9), endsAt: at(10), treatment: 'x' }, OWNER).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.kind === 'invalid' && refused.errors?.[0]?.path === 'clientId').toBe(true);
  });

  it('refuses a period that ends before it starts', async () => {
    const { deps } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    const appointment = await createAppointment(deps, TENANT, { clientId: client.id, startsAt: at(9), endsAt: at(10), treatment: 'x' }, OWNER);
    const refused = await updateAppointment(deps, TENANT, appointment.id, { endsAt: at(8) }, OWNER).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.kind === 'invalid').toBe(true);
  });

  it('moves and cancels an appointment, announcing each', async () => {
    const { deps, repositories, published } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    const appointment = await createAppointment(deps, TENANT, { clientId: client.id, startsAt: at(9), endsAt: at(10), treatment: 'x' }, OWNER);
    const moved = await updateAppointment(deps, TENANT, appointment.id, { startsAt: at(11), endsAt: at(12) }, OWNER);
    expect(moved.startsAt.toISOString()).toBe(at(11));
    await deleteAppointment(deps, TENANT, appointment.id);
    expect(repositories.appointments.rows.size).toBe(0);
    expect(published.slice(-2).map((e) => e.subject)).toEqual([AppointmentUpdated.subject, AppointmentDeleted.subject]);
  });

  it('lists the agenda in start order either way, each appointment with its client, page by page', async () => {
    const { deps } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    for (const hour of [13, 9, 11]) await createAppointment(deps, TENANT, { clientId: client.id, startsAt: at(hour), endsAt: at(hour + 1), treatment: 'x' }, OWNER);
    const first = await listAppointments(deps, TENANT, { order: 'asc', limit: 2 });
    expect(first.items.map((i) => i.appointment.startsAt.toISOString())).toEqual([at(9), at(11)]);
    expect(first.items[0]?.client.name).toBe('Anna');
    const rest = await listAppointments(deps, TENANT, { order: 'asc', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((i) => i.appointment.startsAt.toISOString())).toEqual([at(13)]);
    const backwards = await listAppointments(deps, TENANT, { order: 'desc', limit: 5 });
    expect(backwards.items.map((i) => i.appointment.startsAt.toISOString())).toEqual([at(13), at(11), at(9)]);
  });
});
