import { client, startPlatformForFile, type Platform } from './platform';

// Issue 16, items 1-3, through the gateway: treatments, bookings with a treatment and a staff member
// (a colleague identity knows), no double booking under concurrent requests, working hours, status
// and the client card's counts; another tenant gets 404 on every new route.
let p: Platform;
startPlatformForFile((started) => (p = started));

// 2026-12-08 is a Tuesday (weekday 2); Amsterdam is UTC+1 then.
const at = (time: string, day = 8) => `2026-12-${String(day).padStart(2, '0')}T${time}:00+01:00`;
const problemType = (body: { type?: string }) => body.type?.split('/').at(-1);

describe("the salon's day, end to end", () => {
  it('books a colleague with a treatment, lets one of 20 concurrent bookings win, keeps working hours, and counts visits', async () => {
    const { institute, t, owner } = await p.signupReady('Salon De Dag');
    const colleague = await p.addMember(institute, 'staff', { agenda: 'edit' });
    const asColleague = client(p.gateway, await p.login(colleague));

    const treatment = await owner.post(`/tenants/${t}/treatments`, { name: 'Medisch pedicure', durationMinutes: 45, priceCents: 5200, taxRate: 0 });
    expect(treatment.status).toBe(201);
    expect((await asColleague.post(`/tenants/${t}/treatments`, { name: 'x', durationMinutes: 30, priceCents: 1, taxRate: 21 })).status).toBe(403);
    expect((await asColleague.get(`/tenants/${t}/treatments`)).body.items.map((i: { name: string }) => i.name)).toEqual(['Medisch pedicure']);
    const clientId = (await owner.post(`/tenants/${t}/clients`, { name: 'Femke Visser' })).body.id;

    const book = (api: typeof owner, startsAt: string, extra: object = {}) =>
      api.post(`/tenants/${t}/appointments`, { clientId, startsAt, treatmentId: treatment.body.id, staffId: colleague.id, ...extra });
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => book(owner, at(`10:${String(i).padStart(2, '0')}`))));
    const won = attempts.filter((r) => r.status === 201);
    const lost = attempts.filter((r) => r.status === 409);
    expect([won.length, lost.length]).toEqual([1, 19]);
    expect(won[0]?.body).toMatchObject({ staffId: colleague.id, treatment: 'Medisch pedicure', status: 'booked' });
    for (const r of lost) {
      expect(problemType(r.body)).toBe('appointment-overlap');
      expect(r.body.conflictStartsAt).toBe(won[0]?.body.startsAt);
    }
    const agenda = await owner.get(`/tenants/${t}/appointments?staffId=${colleague.id}`);
    expect(agenda.body.items).toHaveLength(1);

    expect((await owner.put(`/tenants/${t}/members/${colleague.id}/working-hours`, { periods: [{ weekday: 2, start: '09:00', end: '17:00' }] })).status).toBe(200);
    const late = await book(asColleague, at('17:00'));
    expect([late.status, problemType(late.body)]).toEqual([422, 'outside-working-hours']);
    expect((await book(asColleague, at('17:00'), { overrideWorkingHours: true })).status).toBe(403);
    expect((await book(owner, at('17:00'), { overrideWorkingHours: true })).status).toBe(201);

    const first = won[0]?.body.id;
    expect((await asColleague.patch(`/tenants/${t}/appointments/${first}`, { status: 'completed' })).status).toBe(200);
    const invalid = await asColleague.patch(`/tenants/${t}/appointments/${first}`, { status: 'no-show' });
    expect([invalid.status, problemType(invalid.body)]).toEqual([409, 'invalid-status-transition']);
    expect((await owner.get(`/tenants/${t}/clients/${clientId}`)).body).toMatchObject({ visitCount: 1, noShowCount: 0 });

    // Another institute's owner: 404 on every new route, even with valid ids.
    const other = client(p.gateway, (await p.signup('Elders')).ownerToken);
    for (const res of await Promise.all([
      other.get(`/tenants/${t}/treatments`),
      other.post(`/tenants/${t}/treatments`, { name: 'x', durationMinutes: 30, priceCents: 1, taxRate: 21 }),
      other.patch(`/tenants/${t}/treatments/${treatment.body.id}`, { name: 'x' }),
      other.delete(`/tenants/${t}/treatments/${treatment.body.id}`),
      other.get(`/tenants/${t}/members/${colleague.id}/working-hours`),
      other.put(`/tenants/${t}/members/${colleague.id}/working-hours`, { periods: [] }),
    ])) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await owner.get(`/tenants/${t}/treatments`)).body.items[0]).toMatchObject({ name: 'Medisch pedicure', active: true });
  });
});
