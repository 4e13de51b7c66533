import { tenantDataApi } from '@homi/contracts';
import { isAppError } from '@homi/service-kit';
import { createAppointment } from './create-appointment';
import { createClient } from './create-client';
import { getClientCard } from './get-client';
import { inMemoryDeps } from './in-memory';
import { listAppointments } from './list-appointments';
import { createTreatment, deactivateTreatment, listTreatments, updateTreatment } from './treatments';
import { updateAppointment } from './update-appointment';
import { getWorkingHours, putWorkingHours } from './working-hours';

const TENANT = 'ten_0000000001';
const OTHER = 'ten_0000000002';
const STAFF_ID = 'usr_0000000001';
const OWNER = { role: 'owner' } as const;
const STAFF = { role: 'staff' } as const;
// 2026-03-10 is a Tuesday (weekday 2); Amsterdam is UTC+1 then.
const at = (time: string, day = 10) => `2026-03-${String(day).padStart(2, '0')}T${time}:00.000+01:00`;
const problem = (e: unknown) => (isAppError(e) ? { kind: e.kind, type: e.type, path: e.errors?.[0]?.path } : e);

async function salon() {
  const t = inMemoryDeps();
  t.members.set(TENANT, STAFF_ID, 'staff');
  const client = await createClient(t.deps, TENANT, { name: 'Anna' });
  const pedicure = await createTreatment(t.deps, TENANT, { name: 'Pedicure', durationMinutes: 45, priceCents: 4500, taxRate: 21, active: true });
  const book = (input: Partial<tenantDataApi.CreateAppointment>, actor: { role: 'owner' | 'admin' | 'staff' } = OWNER) =>
    createAppointment(t.deps, TENANT, { clientId: client.id, startsAt: at('09:00'), treatmentId: pedicure.id, staffId: STAFF_ID, ...input }, actor);
  return { ...t, client, pedicure, book };
}

describe('treatments', () => {
  it('creates, changes, deactivates and lists per institute by name', async () => {
    const { deps } = inMemoryDeps();
    const b = await createTreatment(deps, TENANT, { name: 'Manicure', durationMinutes: 30, priceCents: 2500, taxRate: 21, active: true });
    await createTreatment(deps, TENANT, { name: 'Anti-age facial', durationMinutes: 60, priceCents: 6500, taxRate: 21, active: true });
    await createTreatment(deps, OTHER, { name: 'Elsewhere', durationMinutes: 30, priceCents: 100, taxRate: 0, active: true });
    await updateTreatment(deps, TENANT, b.id, { priceCents: 2750, taxRate: 9 });
    await deactivateTreatment(deps, TENANT, b.id);
    const list = await listTreatments(deps, TENANT);
    expect(list.map((t) => [t.name, t.priceCents, t.taxRate, t.active])).toEqual([['Anti-age facial', 6500, 21, true], ['Manicure', 2750, 9, false]]);
    expect(problem(await updateTreatment(deps, OTHER, b.id, { name: 'x' }).catch((e: unknown) => e))).toMatchObject({ kind: 'not_found' });
  });
});

describe('booking with a treatment and a staff member', () => {
  it("ends after the treatment's duration unless an end is given, and takes its name", async () => {
    const { book, pedicure } = await salon();
    const a = await book({});
    expect([a.endsAt.toISOString(), a.treatment, a.treatmentId, a.status]).toEqual([new Date(at('09:45')).toISOString(), 'Pedicure', pedicure.id, 'booked']);
    const b = await book({ startsAt: at('10:00'), endsAt: at('11:00') });
    expect(b.endsAt.toISOString()).toBe(new Date(at('11:00')).toISOString());
  });

  it('refuses an overlapping appointment of the same staff member with appointment-overlap naming its time, and books after a cancellation', async () => {
    const { deps, book, repositories, members } = await salon();
    const first = await book({});
    const refused = await book({ startsAt: at('09:30') }).catch((e: unknown) => e);
    expect(problem(refused)).toMatchObject({ kind: 'conflict', type: tenantDataApi.APPOINTMENT_OVERLAP_PROBLEM });
    expect(isAppError(refused) && refused.members).toEqual({ conflictStartsAt: first.startsAt.toISOString(), conflictEndsAt: first.endsAt.toISOString() });
    expect(repositories.appointments.rows.size).toBe(1);
    // Back to back is no overlap; another staff member is free.
    await book({ startsAt: at('09:45') });
    members.set(TENANT, 'usr_0000000002', 'staff');
    await book({ staffId: 'usr_0000000002' });
    await updateAppointment(deps, TENANT, first.id, { status: 'cancelled' }, OWNER);
    await book({ startsAt: at('09:00') });
  });

  it('refuses unknown, deactivated or foreign treatments and staff who are no members, changing nothing', async () => {
    const { deps, book, pedicure, repositories } = await salon();
    const foreign = await createTreatment(deps, OTHER, { name: 'X', durationMinutes: 30, priceCents: 1, taxRate: 0, active: true });
    expect(problem(await book({ treatmentId: foreign.id }).catch((e: unknown) => e))).toMatchObject({ kind: 'invalid', path: 'treatmentId' });
    expect(problem(await book({ staffId: 'usr_0000000009' }).catch((e: unknown) => e))).toMatchObject({ kind: 'invalid', path: 'staffId' });
    await deactivateTreatment(deps, TENANT, pedicure.id);
    expect(problem(await book({}).catch((e: unknown) => e))).toMatchObject({ kind: 'invalid', path: 'treatmentId' });
    expect(problem(await book({ treatmentId: undefined }).catch((e: unknown) => e))).toMatchObject({ kind: 'invalid', path: 'endsAt' });
    expect(repositories.appointments.rows.size).toBe(0);
  });

  it('keeps bookings within working hours unless an owner or admin overrides', async () => {
    const { deps, book, repositories } = await salon();
    expect(await getWorkingHours(deps, TENANT, STAFF_ID)).toEqual({ periods: [] });
    await putWorkingHours(deps, TENANT, STAFF_ID, { periods: [{ weekday: 2, start: '09:00', end: '17:00' }] });
    await book({ startsAt: at('16:15') }, STAFF);
    expect(problem(await book({ startsAt: at('16:30') }, STAFF).catch((e: unknown) => e))).toMatchObject({ kind: 'unprocessable', type: tenantDataApi.OUTSIDE_WORKING_HOURS_PROBLEM });
    expect(problem(await book({ startsAt: at('09:00', 11) }).catch((e: unknown) => e))).toMatchObject({ kind: 'unprocessable' }); // Wednesday
    expect(problem(await book({ startsAt: at('08:00') }, STAFF).catch((e: unknown) => e))).toMatchObject({ kind: 'unprocessable' });
    expect(problem(await book({ startsAt: at('08:00'), overrideWorkingHours: true }, STAFF).catch((e: unknown) => e))).toMatchObject({ kind: 'forbidden' });
    expect(repositories.appointments.rows.size).toBe(1);
    await book({ startsAt: at('08:00'), overrideWorkingHours: true }, { role: 'admin' });
    expect(problem(await getWorkingHours(deps, TENANT, 'usr_0000000009').catch((e: unknown) => e))).toMatchObject({ kind: 'not_found' });
  });

  it('lists one staff member\'s agenda', async () => {
    const { deps, book, members } = await salon();
    members.set(TENANT, 'usr_0000000002', 'staff');
    await book({});
    await book({ staffId: 'usr_0000000002' });
    const page = await listAppointments(deps, TENANT, { order: 'asc', limit: 10, staffId: 'usr_0000000002' });
    expect(page.items.map((i) => i.appointment.staffId)).toEqual(['usr_0000000002']);
  });
});

describe('status', () => {
  it('moves a booked appointment to completed, cancelled or no-show, refuses the rest with 409, and counts visits and no-shows', async () => {
    const { deps, book, client } = await salon();
    const done = await book({ startsAt: at('09:00', 3) });
    const missed = await book({ startsAt: at('09:00', 4) });
    await updateAppointment(deps, TENANT, done.id, { status: 'completed' }, OWNER);
    await updateAppointment(deps, TENANT, missed.id, { status: 'no-show' }, OWNER);
    const refused = await updateAppointment(deps, TENANT, done.id, { status: 'cancelled', notes: 'changed?' }, OWNER).catch((e: unknown) => e);
    expect(problem(refused)).toMatchObject({ kind: 'conflict', type: tenantDataApi.INVALID_STATUS_TRANSITION_PROBLEM });
    expect([done.status, done.notes]).toEqual(['completed', null]);
    expect(problem(await updateAppointment(deps, TENANT, missed.id, { status: 'booked' }, OWNER).catch((e: unknown) => e))).toMatchObject({ kind: 'conflict' });
    const card = await getClientCard(deps, TENANT, client.id);
    expect([card.visitCount, card.noShowCount]).toEqual([1, 1]);
  });
});
