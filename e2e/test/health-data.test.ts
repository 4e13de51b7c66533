import { client, eventually, startPlatformForFile, type Platform } from './platform';

// Issue 16, item 5, through the gateway: a client's alerts and treatment notes are health data, and
// every read of them is in the institute's audit log, where the owner sees who read them and when.
let p: Platform;
startPlatformForFile((started) => (p = started));

interface Entry { seq: number; at: string; action: string; actor: { kind: string; userId?: string }; details: Record<string, unknown> }

describe('health data, end to end', () => {
  it("records a colleague's read of a client's notes in the institute's audit log, visible to the owner, with ids only", async () => {
    const { institute, t, owner } = await p.signupReady('Pedicure Praktijk Voet');
    const clientId = (await owner.post(`/tenants/${t}/clients`, { name: 'Henk de Boer' })).body.id as string;
    expect((await owner.put(`/tenants/${t}/clients/${clientId}/alerts`, { items: [{ kind: 'contra-indication', text: 'Diabetes, neuropathie' }] })).status).toBe(200);
    expect((await owner.post(`/tenants/${t}/clients/${clientId}/notes`, { text: 'Wondje grote teen links' })).status).toBe(201);

    const colleague = await p.addMember(institute, 'staff', { clients: 'view', agenda: 'edit' });
    const asColleague = client(p.gateway, await p.login(colleague));
    const read = await asColleague.get(`/tenants/${t}/clients/${clientId}/notes`);
    expect(read.status).toBe(200);
    expect(read.body.items.map((n: { text: string }) => n.text)).toEqual(['Wondje grote teen links']);
    expect((await asColleague.get(`/tenants/${t}/clients/${clientId}/alerts`)).body.items).toEqual([{ kind: 'contra-indication', text: 'Diabetes, neuropathie' }]);

    let entries: Entry[] = [];
    await eventually(async () => {
      entries = (await owner.get(`/tenants/${t}/audit-log?limit=100&actor=${colleague.id}`)).body.items ?? [];
      // Both reads, not any two entries: the colleague's other actions (joining) are in the log as well.
      const routes = entries.map((e) => e.details.route);
      return routes.includes('/tenants/:tenantId/clients/:clientId/notes') && routes.includes('/tenants/:tenantId/clients/:clientId/alerts');
    }, "the colleague's reads in the audit log");
    const notesRead = entries.find((e) => e.details.route === '/tenants/:tenantId/clients/:clientId/notes');
    expect(notesRead).toMatchObject({ action: 'tenant.action', actor: { kind: 'member', userId: colleague.id }, details: { method: 'GET', resourceIds: { clientId } } });
    expect(Date.now() - Date.parse(notesRead!.at)).toBeLessThan(120_000);
    expect(entries.find((e) => e.details.route === '/tenants/:tenantId/clients/:clientId/alerts')?.details).toMatchObject({ method: 'GET', resourceIds: { clientId } });
    // Ids only: no note, alert or client name travels into the log.
    const log = JSON.stringify((await owner.get(`/tenants/${t}/audit-log?limit=100`)).body);
    for (const plain of ['Wondje', 'Diabetes', 'Henk']) expect(log).not.toContain(plain);

    // A colleague without clients:view reads nothing; another institute's owner finds nothing.
    const agendaOnly = client(p.gateway, await p.login(await p.addMember(institute, 'staff', { agenda: 'edit' })));
    expect((await agendaOnly.get(`/tenants/${t}/clients/${clientId}/notes`)).status).toBe(403);
    const other = client(p.gateway, (await p.signup('Elders')).ownerToken);
    for (const res of await Promise.all([
      other.get(`/tenants/${t}/clients/${clientId}/notes`),
      other.get(`/tenants/${t}/clients/${clientId}/alerts`),
      other.put(`/tenants/${t}/clients/${clientId}/alerts`, { items: [] }),
      other.post(`/tenants/${t}/clients/${clientId}/notes`, { text: 'x' }),
    ])) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await owner.get(`/tenants/${t}/clients/${clientId}/alerts`)).body.items).toHaveLength(1);
  }, 120_000);

  it('gives the client form\'s notes and an appointment\'s notes only in recorded calls; lists say whether there are any (ADR 64)', async () => {
    const { institute, t, owner } = await p.signupReady('Pedicure Praktijk Hiel');
    const clientId = (await owner.post(`/tenants/${t}/clients`, { name: 'Truus Hiel', notes: 'Suikerziekte, voorzichtig' })).body.id as string;
    const colleague = await p.addMember(institute, 'staff', { clients: 'view', agenda: 'edit' });
    const asColleague = client(p.gateway, await p.login(colleague));

    // The client, alone or listed, says only that there are notes.
    const card = await asColleague.get(`/tenants/${t}/clients/${clientId}`);
    const list = await asColleague.get(`/tenants/${t}/clients`);
    expect([card.body.hasNotes, list.body.items[0].hasNotes]).toEqual([true, true]);
    expect(JSON.stringify([card.body, list.body])).not.toContain('Suikerziekte');
    // The text comes with the treatment notes: a recorded read.
    expect((await asColleague.get(`/tenants/${t}/clients/${clientId}/notes`)).body).toEqual({ general: 'Suikerziekte, voorzichtig', items: [] });

    const booked = await asColleague.post(`/tenants/${t}/appointments`, {
      clientId, startsAt: '2027-02-01T09:00:00Z', endsAt: '2027-02-01T10:00:00Z', treatment: 'Medische pedicure', notes: 'Kloven hiel rechts',
    });
    expect([booked.status, booked.body.notes]).toEqual([201, 'Kloven hiel rechts']);
    const agenda = await asColleague.get(`/tenants/${t}/appointments`);
    expect(agenda.body.items.map((a: { id: string; hasNotes: boolean }) => [a.id, a.hasNotes])).toEqual([[booked.body.id, true]]);
    expect(JSON.stringify(agenda.body)).not.toContain('Kloven');
    expect((await asColleague.get(`/tenants/${t}/appointments/${booked.body.id}`)).body.notes).toBe('Kloven hiel rechts');

    let entries: Entry[] = [];
    const recorded = (method: string, route: string) => entries.find((e) => e.details.method === method && e.details.route === route);
    await eventually(async () => {
      entries = (await owner.get(`/tenants/${t}/audit-log?limit=100&actor=${colleague.id}`)).body.items ?? [];
      return entries.length >= 3;
    }, "the colleague's recorded calls");
    expect(recorded('GET', '/tenants/:tenantId/clients/:clientId/notes')?.details.resourceIds).toEqual({ clientId });
    expect(recorded('POST', '/tenants/:tenantId/appointments')?.details.resourceIds).toEqual({ clientId });
    expect(recorded('GET', '/tenants/:tenantId/appointments/:id')?.details.resourceIds).toEqual({ id: booked.body.id });
    // The client and the lists, which hold no notes, are not recorded.
    expect(recorded('GET', '/tenants/:tenantId/clients/:clientId')).toBeUndefined();
    expect(recorded('GET', '/tenants/:tenantId/appointments')).toBeUndefined();
    const log = JSON.stringify((await owner.get(`/tenants/${t}/audit-log?limit=100`)).body);
    for (const plain of ['Suikerziekte', 'Kloven', 'Truus']) expect(log).not.toContain(plain);
  }, 120_000);
});
