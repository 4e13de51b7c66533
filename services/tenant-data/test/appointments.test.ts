import { as, owner, staff, startTenantData, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startTenantData();
});
afterAll(async () => {
  await h?.stop();
});

const at = (hour: number, day = 2) => `2026-12-0${day}T${String(hour).padStart(2, '0')}:00:00+01:00`;

describe('appointments', () => {
  it('books, moves, lists in start order and cancels appointments with treatment notes', async () => {
    const api = as(h, owner());
    const clientId = (await api.post('/clients', { name: 'Sanne', phone: '0611111111' })).body.id;
    const late = await api.post('/appointments', { clientId, startsAt: at(15), endsAt: at(16), treatment: 'Pedicure', notes: 'diabetic foot: extra care' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ treatment: 'Pedicure', notes: 'diabetic foot: extra care', client: { id: clientId, phone: '0611111111' } });
    const early = await api.post('/appointments', { clientId, startsAt: at(9), endsAt: at(10), treatment: 'Facial' });
    const moved = await api.patch(`/appointments/${early.body.id}`, { startsAt: at(11), endsAt: at(12) });
    expect(moved.status).toBe(200);
    const list = await api.get('/appointments?limit=1');
    expect(list.body.items.map((a: { treatment: string }) => a.treatment)).toEqual(['Facial']);
    const next = await api.get(`/appointments?limit=1&cursor=${list.body.nextCursor}`);
    expect(next.body.items.map((a: { treatment: string }) => a.treatment)).toEqual(['Pedicure']);
    expect(next.body.nextCursor).toBeNull();
    // A list says whether an appointment has notes, never their text: that comes with the one appointment (ADR 64).
    expect([list.body.items[0].hasNotes, next.body.items[0].hasNotes]).toEqual([false, true]);
    expect(JSON.stringify([list.body, next.body])).not.toMatch(/diabetic|"notes"/);
    expect((await api.get(`/appointments/${late.body.id}`)).body).toMatchObject({ notes: 'diabetic foot: extra care', hasNotes: true });
    expect((await api.delete(`/appointments/${late.body.id}`)).status).toBe(204);
    expect((await api.get(`/appointments/${late.body.id}`)).status).toBe(404);
  });

  it("lists one client's appointments within a period, the latest first on request, page by page", async () => {
    const api = as(h, owner());
    const sanne = (await api.post('/clients', { name: 'Sanne' })).body.id;
    const tom = (await api.post('/clients', { name: 'Tom' })).body.id;
    for (const [clientId, day, hour] of [[sanne, 1, 9], [sanne, 2, 9], [tom, 2, 10], [sanne, 3, 9], [sanne, 4, 9]] as const) {
      expect((await api.post('/appointments', { clientId, startsAt: at(hour, day), endsAt: at(hour + 1, day), treatment: `day ${day}` })).status).toBe(201);
    }
    const treatments = (res: { body: { items: { treatment: string }[] } }) => res.body.items.map((a) => a.treatment);

    expect(treatments(await api.get(`/appointments?clientId=${sanne}`))).toEqual(['day 1', 'day 2', 'day 3', 'day 4']);
    // A period takes what overlaps it: day 2 09:30 to day 3 09:30 holds day 2 (till 10:00) and day 3 (from 09:00).
    const period = `from=${encodeURIComponent(at(9, 2).replace(':00:00', ':30:00'))}&to=${encodeURIComponent(at(9, 3).replace(':00:00', ':30:00'))}`;
    expect(treatments(await api.get(`/appointments?clientId=${sanne}&${period}`))).toEqual(['day 2', 'day 3']);
    expect(treatments(await api.get(`/appointments?${period}`))).toEqual(['day 2', 'day 2', 'day 3']);

    const first = await api.get(`/appointments?clientId=${sanne}&order=desc&limit=3`);
    expect(treatments(first)).toEqual(['day 4', 'day 3', 'day 2']);
    const rest = await api.get(`/appointments?clientId=${sanne}&order=desc&limit=3&cursor=${first.body.nextCursor}`);
    expect(treatments(rest)).toEqual(['day 1']);
    expect(rest.body.nextCursor).toBeNull();
    expect(treatments(await api.get(`/appointments?clientId=${tom}&order=desc`))).toEqual(['day 2']);

    expect((await api.get('/appointments?order=newest')).status).toBe(400);
    expect((await api.get('/appointments?clientId=sanne')).status).toBe(400);
  });

  it('refuses periods that end before they start or last over a day', async () => {
    const api = as(h, owner());
    const clientId = (await api.post('/clients', { name: 'Tom' })).body.id;
    expect((await api.post('/appointments', { clientId, startsAt: at(10), endsAt: at(9), treatment: 'x' })).status).toBe(400);
    expect((await api.post('/appointments', { clientId, startsAt: at(10, 1), endsAt: at(11, 3), treatment: 'x' })).status).toBe(400);
    expect((await api.post('/appointments', { clientId, startsAt: 'tomorrow', endsAt: at(11), treatment: 'x' })).status).toBe(400);
  });

  it("cannot book another tenant's client nor see another tenant's appointments", async () => {
    const a = as(h, owner());
    const b = as(h, owner());
    const bClient = (await b.post('/clients', { name: 'B client' })).body.id;
    const booked = await a.post('/appointments', { clientId: bClient, startsAt: at(9), endsAt: at(10), treatment: 'x' });
    expect(booked.status).toBe(400);
    const bAppointment = (await b.post('/appointments', { clientId: bClient, startsAt: at(9), endsAt: at(10), treatment: 'x' })).body.id;
    expect((await a.get(`/appointments/${bAppointment}`)).status).toBe(404);
    expect((await a.patch(`/appointments/${bAppointment}`, { treatment: 'y' })).status).toBe(404);
    expect((await a.delete(`/appointments/${bAppointment}`)).status).toBe(404);
    expect((await a.get('/appointments')).body.items).toEqual([]);
  });

  it('hides client phone numbers and e-mail from staff without clients:view', async () => {
    const boss = owner();
    const api = as(h, boss);
    const clientId = (await api.post('/clients', { name: 'Lotte', email: 'lotte.bakker@example.nl', phone: '0612345678' })).body.id;
    await api.post('/appointments', { clientId, startsAt: at(9), endsAt: at(10), treatment: 'Manicure' });
    const agendaOnly = as(h, staff(boss.tenantId, { agenda: 'view' }));
    const res = await agendaOnly.get('/appointments');
    expect(res.status).toBe(200);
    expect(res.body.items[0].client).toEqual({ id: clientId, name: 'Lotte', email: 'l***@e***.nl', phone: '06******78', masked: true });
    expect((await agendaOnly.post('/appointments', { clientId, startsAt: at(11), endsAt: at(12), treatment: 'x' })).status).toBe(403);
    const withClients = as(h, staff(boss.tenantId, { agenda: 'view', clients: 'view' }));
    expect((await withClients.get('/appointments')).body.items[0].client.phone).toBe('0612345678');
  });

  it('deleting a client removes their appointments and treatment notes', async () => {
    const api = as(h, owner());
    const clientId = (await api.post('/clients', { name: 'Iris' })).body.id;
    const apt = (await api.post('/appointments', { clientId, startsAt: at(9), endsAt: at(10), treatment: 'x', notes: 'n' })).body.id;
    await api.delete(`/clients/${clientId}`);
    expect((await api.get(`/appointments/${apt}`)).status).toBe(404);
  });
});
