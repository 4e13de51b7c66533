import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { MEMBERSHIPS_BUCKET, membershipKey, fullPermissions, tenantDataApi, type Role } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { as, owner, staff, startTenantData, type Caller, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startTenantData();
});
afterAll(async () => {
  await h?.stop();
});

/** Makes `caller` a member as identity would: its membership in the memberships KV bucket. */
async function member(caller: Caller, role: Role = caller.role): Promise<Caller> {
  const nc = await connect({ servers: h.natsUrl });
  try {
    const kv = await new Kvm(nc).create(MEMBERSHIPS_BUCKET, { history: 1 });
    await kv.put(membershipKey(caller.userId, caller.tenantId), JSON.stringify({
      userId: caller.userId, tenantId: caller.tenantId, role, permissions: caller.permissions, updatedAt: new Date().toISOString(),
    }));
  } finally {
    await nc.close();
  }
  return caller;
}

// 2026-12-08 is a Tuesday (weekday 2); Amsterdam is UTC+1 then.
const at = (time: string, day = 8) => `2026-12-${String(day).padStart(2, '0')}T${time}:00+01:00`;
const iso = (s: string) => new Date(s).toISOString();
const typeOf = (res: { body: { type?: string } }) => res.body.type?.split('/').at(-1);

async function salon() {
  const boss = await member(owner());
  const api = as(h, boss);
  const clientId = (await api.post('/clients', { name: 'Sanne' })).body.id as string;
  const pedicure = (await api.post('/treatments', { name: 'Pedicure', durationMinutes: 45, priceCents: 4500, taxRate: 21 })).body as tenantDataApi.Treatment;
  return { boss, api, clientId, pedicure };
}

describe('treatments', () => {
  it('are managed with settings:edit, listed with agenda:view, and refused bad input with 400 changing nothing', async () => {
    const { boss, api, pedicure } = await salon();
    expect(pedicure).toMatchObject({ name: 'Pedicure', durationMinutes: 45, priceCents: 4500, taxRate: 21, active: true });
    const changed = await api.patch(`/treatments/${pedicure.id}`, { priceCents: 4750, taxRate: 9 });
    expect([changed.status, changed.body.priceCents, changed.body.taxRate]).toEqual([200, 4750, 9]);
    for (const bad of [
      { name: 'X', durationMinutes: 45, priceCents: 100, taxRate: 15 },
      { name: 'X', durationMinutes: 0, priceCents: 100, taxRate: 21 },
      { name: 'X', durationMinutes: 45, priceCents: -1, taxRate: 21 },
      { name: '', durationMinutes: 45, priceCents: 1, taxRate: 21 },
      { name: 'X', durationMinutes: 45, priceCents: 1, taxRate: 21, colour: 'red' },
    ]) {
      const res = await api.post('/treatments', bad);
      expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringContaining('application/problem+json')]);
    }
    expect((await api.patch(`/treatments/${pedicure.id}`, { taxRate: 6 })).status).toBe(400);
    expect((await api.patch('/treatments/not-an-id', { name: 'y' })).status).toBe(404);

    const agendaOnly = as(h, staff(boss.tenantId, { agenda: 'view' }));
    const listed = await agendaOnly.get('/treatments');
    expect(listed.body.items.map((t: tenantDataApi.Treatment) => [t.name, t.priceCents, t.taxRate])).toEqual([['Pedicure', 4750, 9]]);
    expect((await agendaOnly.post('/treatments', { name: 'X', durationMinutes: 30, priceCents: 1, taxRate: 0 })).status).toBe(403);
    expect((await agendaOnly.patch(`/treatments/${pedicure.id}`, { name: 'X' })).status).toBe(403);
    expect((await agendaOnly.delete(`/treatments/${pedicure.id}`)).status).toBe(403);
    expect((await as(h, staff(boss.tenantId, { settings: 'edit' })).get('/treatments')).status).toBe(403);

    expect((await api.delete(`/treatments/${pedicure.id}`)).status).toBe(204);
    expect((await api.get('/treatments')).body.items).toEqual([expect.objectContaining({ id: pedicure.id, active: false, priceCents: 4750 })]);
  });

  it("are another tenant's business: 404 and not listed", async () => {
    const { pedicure } = await salon();
    const other = as(h, owner());
    expect((await other.patch(`/treatments/${pedicure.id}`, { name: 'mine' })).status).toBe(404);
    expect((await other.delete(`/treatments/${pedicure.id}`)).status).toBe(404);
    expect((await other.get('/treatments')).body.items).toEqual([]);
    const clientId = (await other.post('/clients', { name: 'Tom' })).body.id;
    const booked = await other.post('/appointments', { clientId, startsAt: at('10:00'), treatmentId: pedicure.id });
    expect([booked.status, booked.body.errors?.[0]?.path]).toEqual([400, 'treatmentId']);
  });
});

describe('booking with a treatment and a staff member', () => {
  it("ends after the treatment's duration, and refuses a staff member who is no member of the institute", async () => {
    const { boss, api, clientId, pedicure } = await salon();
    const res = await api.post('/appointments', { clientId, startsAt: at('10:00'), treatmentId: pedicure.id, staffId: boss.userId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ treatment: 'Pedicure', treatmentId: pedicure.id, staffId: boss.userId, status: 'booked', endsAt: iso(at('10:45')) });
    const stranger = await member(owner()); // a member of another institute
    const refused = await api.post('/appointments', { clientId, startsAt: at('12:00'), treatmentId: pedicure.id, staffId: stranger.userId });
    expect([refused.status, refused.body.errors?.[0]?.path]).toEqual([400, 'staffId']);
    expect((await api.get(`/appointments?staffId=${boss.userId}`)).body.items).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent bookings of one slot win; the rest get 409 appointment-overlap naming its time', async () => {
    const { boss, api, clientId, pedicure } = await salon();
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.post('/appointments', { clientId, startsAt: at(`10:${String(i).padStart(2, '0')}`), treatmentId: pedicure.id, staffId: boss.userId }),
      ),
    );
    const won = attempts.filter((r) => r.status === 201);
    const lost = attempts.filter((r) => r.status === 409);
    expect([won.length, lost.length]).toEqual([1, 19]);
    const winner = won[0]?.body as tenantDataApi.Appointment;
    for (const r of lost) {
      expect(typeOf(r)).toBe(tenantDataApi.APPOINTMENT_OVERLAP_PROBLEM);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect([r.body.conflictStartsAt, r.body.conflictEndsAt]).toEqual([winner.startsAt, winner.endsAt]);
      expect(r.body.detail).toContain(winner.startsAt);
    }
    const rows = await h.scope.run(boss.tenantId, (em) => em.execute('select id from appointments where staff_id = ?', [boss.userId]));
    expect(rows).toHaveLength(1);
  });

  it('frees the slot when cancelled, and refuses moving another appointment onto a taken one', async () => {
    const { boss, api, clientId, pedicure } = await salon();
    const book = (time: string) => api.post('/appointments', { clientId, startsAt: at(time), treatmentId: pedicure.id, staffId: boss.userId });
    const first = (await book('10:00')).body;
    const second = (await book('10:45')).body; // back to back
    expect(second.status).toBe('booked');
    const moved = await api.patch(`/appointments/${second.id}`, { startsAt: at('10:30') });
    expect([moved.status, typeOf(moved), moved.body.conflictStartsAt]).toEqual([409, 'appointment-overlap', first.startsAt]);
    expect((await api.get(`/appointments/${second.id}`)).body.startsAt).toBe(second.startsAt);
    expect((await api.patch(`/appointments/${first.id}`, { status: 'cancelled' })).status).toBe(200);
    expect((await book('10:00')).status).toBe(201);
  });

  it('keeps bookings within working hours unless an owner or admin overrides', async () => {
    const { boss, api, clientId, pedicure } = await salon();
    const colleague = await member(staff(boss.tenantId, { agenda: 'edit' }));
    const asColleague = as(h, colleague);
    expect((await api.get(`/members/${colleague.userId}/working-hours`)).body).toEqual({ periods: [] });
    const hours = { periods: [{ weekday: 2, start: '09:00', end: '17:00' }] };
    expect((await asColleague.put(`/members/${colleague.userId}/working-hours`, hours)).status).toBe(403);
    expect((await api.put(`/members/${colleague.userId}/working-hours`, { periods: [{ weekday: 8, start: '09:00', end: '17:00' }] })).status).toBe(400);
    expect((await api.put(`/members/${colleague.userId}/working-hours`, { periods: [{ weekday: 2, start: '17:00', end: '09:00' }] })).status).toBe(400);
    expect((await api.get(`/members/${colleague.userId}/working-hours`)).body).toEqual({ periods: [] });
    expect((await api.put(`/members/${colleague.userId}/working-hours`, hours)).body).toEqual(hours);
    expect((await asColleague.get(`/members/${colleague.userId}/working-hours`)).body).toEqual(hours);
    expect((await as(h, owner()).get(`/members/${colleague.userId}/working-hours`)).status).toBe(404);
    expect((await api.get(`/members/${newId('usr')}/working-hours`)).status).toBe(404);

    const book = (by: typeof api, time: string, extra: object = {}) =>
      by.post('/appointments', { clientId, startsAt: at(time), treatmentId: pedicure.id, staffId: colleague.userId, ...extra });
    expect((await book(asColleague, '16:15')).status).toBe(201);
    const outside = await book(asColleague, '17:00');
    expect([outside.status, typeOf(outside)]).toEqual([422, tenantDataApi.OUTSIDE_WORKING_HOURS_PROBLEM]);
    expect((await book(asColleague, '17:00', { overrideWorkingHours: true })).status).toBe(403);
    expect((await book(api, '17:00')).status).toBe(422);
    expect((await book(api, '17:00', { overrideWorkingHours: true })).status).toBe(201);
    expect((await api.get(`/appointments?staffId=${colleague.userId}`)).body.items).toHaveLength(2);
  });
});

describe('status and the client card', () => {
  it('moves booked to completed or no-show, refuses other changes with 409, and counts visits and no-shows', async () => {
    const { boss, api, clientId, pedicure } = await salon();
    const book = async (day: number) => (await api.post('/appointments', { clientId, startsAt: at('10:00', day), treatmentId: pedicure.id, staffId: boss.userId })).body.id as string;
    const [done, missed, later] = [await book(1), await book(2), await book(3)];
    expect((await api.patch(`/appointments/${done}`, { status: 'completed' })).body.status).toBe('completed');
    expect((await api.patch(`/appointments/${missed}`, { status: 'no-show' })).status).toBe(200);
    const refused = await api.patch(`/appointments/${done}`, { status: 'booked', notes: 'sneaky' });
    expect([refused.status, typeOf(refused), refused.body.currentStatus]).toEqual([409, tenantDataApi.INVALID_STATUS_TRANSITION_PROBLEM, 'completed']);
    expect((await api.get(`/appointments/${done}`)).body).toMatchObject({ status: 'completed', notes: null });
    expect((await api.patch(`/appointments/${later}`, { status: 'gone' })).status).toBe(400);
    expect((await api.get(`/clients/${clientId}`)).body).toMatchObject({ visitCount: 1, noShowCount: 1 });
    expect((await as(h, staff(boss.tenantId, { agenda: 'edit' })).patch(`/appointments/${later}`, { status: 'cancelled' })).status).toBe(200);
    expect((await as(h, owner()).patch(`/appointments/${later}`, { status: 'completed' })).status).toBe(404);
    expect((await as(h, staff(boss.tenantId, { agenda: 'view' })).patch(`/appointments/${later}`, { status: 'completed' })).status).toBe(403);
  });

  it('keeps appointments without a treatment or staff member valid: booked, free text, no overlap check', async () => {
    const api = as(h, { ...owner(), permissions: fullPermissions() });
    const clientId = (await api.post('/clients', { name: 'Iris' })).body.id;
    for (let i = 0; i < 2; i++) {
      const res = await api.post('/appointments', { clientId, startsAt: at('10:00'), endsAt: at('11:00'), treatment: 'Facial' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ treatment: 'Facial', treatmentId: null, staffId: null, status: 'booked' });
    }
    expect((await api.post('/appointments', { clientId, startsAt: at('10:00'), treatment: 'Facial' })).status).toBe(400);
  });
});
