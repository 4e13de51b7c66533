import { startOwnerWithPrivacyStub, type PrivacyStub } from '@homi/privacy-kit/testing';
import { startedAroundAll } from '@homi/testing';
import { as, owner, staff, startAnotherTenantData, startTenantData, signedClient, type Caller, type Harness } from './harness';

// A client's alerts and treatment notes: health data, sealed under the institute's data key (ADR 50).
let h: Harness;
let privacy: PrivacyStub;

startedAroundAll(() => startOwnerWithPrivacyStub('tenant-data', (privacyUrl) => startTenantData({ privacyUrl })), (started) => ({ h, privacy } = started));

const ALERTS = { items: [{ kind: 'allergy', text: 'Nikkelallergie' }, { kind: 'contra-indication', text: 'Diabetes type 2, voeten gevoelig' }] };
const NOTE = 'Likdoorn links verwijderd, huid rond hiel kwetsbaar';

async function clientWithHealthData(caller: Caller) {
  const api = as(h, caller);
  const clientId = (await api.post('/clients', { name: 'Maria Jansen' })).body.id as string;
  const appointmentId = (await api.post('/appointments', { clientId, startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z', treatment: 'Medisch pedicure' })).body.id as string;
  expect((await api.put(`/clients/${clientId}/alerts`, ALERTS)).status).toBe(200);
  expect((await api.post(`/clients/${clientId}/notes`, { text: NOTE, appointmentId })).status).toBe(201);
  return { api, clientId, appointmentId };
}

/** Every row of the tenant's health tables and its key, as the database holds them. */
const rawRows = (tenantId: string) => h.scope.run(tenantId, async (em) => ({
  alerts: await em.execute('select * from client_alerts where tenant_id = ?', [tenantId]),
  notes: await em.execute('select * from client_notes where tenant_id = ?', [tenantId]),
  keys: await em.execute('select * from health_data_keys where tenant_id = ?', [tenantId]),
}));

describe("a client's health data", () => {
  it('reads back what was written, while the database holds only ciphertext', async () => {
    const caller = owner();
    const { api, clientId, appointmentId } = await clientWithHealthData(caller);
    expect((await api.get(`/clients/${clientId}/alerts`)).body).toEqual(ALERTS);
    const notes = (await api.get(`/clients/${clientId}/notes`)).body.items;
    expect(notes).toEqual([{ id: expect.stringMatching(/^nte_/), text: NOTE, appointmentId, authorId: caller.userId, createdAt: expect.any(String) }]);

    const raw = await rawRows(caller.tenantId);
    expect(raw.alerts).toHaveLength(1);
    expect(raw.notes).toHaveLength(1);
    expect(raw.keys).toHaveLength(1);
    const stored = JSON.stringify(raw);
    for (const plain of ['Nikkel', 'Diabetes', 'allergy', 'Likdoorn', 'hiel']) expect(stored).not.toContain(plain);
    expect(String((raw.alerts[0] as { sealed: string }).sealed)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('replaces the alerts as a whole, and an empty list removes them', async () => {
    const caller = owner();
    const { api, clientId } = await clientWithHealthData(caller);
    expect((await api.put(`/clients/${clientId}/alerts`, { items: [{ kind: 'other', text: 'Bloedverdunners' }] })).body.items).toHaveLength(1);
    expect((await api.get(`/clients/${clientId}/alerts`)).body.items).toEqual([{ kind: 'other', text: 'Bloedverdunners' }]);
    expect((await api.put(`/clients/${clientId}/alerts`, { items: [] })).status).toBe(200);
    expect((await api.get(`/clients/${clientId}/alerts`)).body).toEqual({ items: [] });
    expect((await rawRows(caller.tenantId)).alerts).toEqual([]);
  });

  it('answers hostile input with a problem and changes nothing', async () => {
    const caller = owner();
    const { api, clientId } = await clientWithHealthData(caller);
    const other = (await api.post('/clients', { name: 'Piet' })).body.id as string;
    const otherAppointment = (await api.post('/appointments', { clientId: other, startsAt: '2026-12-02T10:00:00Z', endsAt: '2026-12-02T11:00:00Z', treatment: 'x' })).body.id;
    const bad: [string, unknown][] = [
      ['alerts', { items: [{ kind: 'rumour', text: 'x' }] }],
      ['alerts', { items: [{ kind: 'allergy', text: '' }] }],
      ['alerts', { items: [{ kind: 'allergy', text: 'x'.repeat(501) }] }],
      ['alerts', { items: Array.from({ length: 21 }, () => ({ kind: 'other', text: 'x' })) }],
      ['alerts', { items: [{ kind: 'allergy', text: 'x', extra: 1 }] }],
      ['alerts', [{ kind: 'allergy', text: 'x' }]],
      ['notes', { text: '' }],
      ['notes', { text: 'x', appointmentId: 'not-an-id' }],
      ['notes', { text: 'x', appointmentId: otherAppointment }],
      ['notes', { text: 'x'.repeat(5001) }],
    ];
    for (const [what, body] of bad) {
      const res = what === 'alerts' ? await api.put(`/clients/${clientId}/alerts`, body) : await api.post(`/clients/${clientId}/notes`, body);
      expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringContaining('application/problem+json')]);
    }
    expect((await api.get(`/clients/${clientId}/alerts`)).body).toEqual(ALERTS);
    expect((await api.get(`/clients/${clientId}/notes`)).body.items).toHaveLength(1);
    expect((await api.get('/clients/cli_doesnotexist00/alerts')).status).toBe(404);
    expect((await api.get('/clients/nonsense/notes')).status).toBeGreaterThanOrEqual(400);
  });

  it("keeps another institute out, and staff without clients:view", async () => {
    const caller = owner();
    const { clientId } = await clientWithHealthData(caller);
    const stranger = as(h, owner());
    expect((await stranger.get(`/clients/${clientId}/alerts`)).status).toBe(404);
    expect((await stranger.get(`/clients/${clientId}/notes`)).status).toBe(404);
    expect((await stranger.put(`/clients/${clientId}/alerts`, { items: [] })).status).toBe(404);
    expect((await stranger.post(`/clients/${clientId}/notes`, { text: 'x' })).status).toBe(404);
    const agendaOnly = signedClient(h.server, staff(caller.tenantId, { agenda: 'edit' }));
    expect((await agendaOnly.get(`/clients/${clientId}/alerts`)).status).toBe(403);
    const viewer = signedClient(h.server, staff(caller.tenantId, { clients: 'view' }));
    expect((await viewer.get(`/clients/${clientId}/notes`)).status).toBe(200);
    expect((await viewer.post(`/clients/${clientId}/notes`, { text: 'x' })).status).toBe(403);
    expect((await as(h, caller).get(`/clients/${clientId}/alerts`)).body).toEqual(ALERTS);
  });

  it('stays readable after the key-encryption key is rotated, without re-encrypting the data', async () => {
    const caller = owner();
    const { clientId } = await clientWithHealthData(caller);
    const before = await rawRows(caller.tenantId);
    const k2 = Buffer.alloc(32, 42).toString('base64');
    const devKek = Buffer.from('homi-dev-only-health-data-kek-32').toString('base64');
    // The new KEK current, the old one only to unwrap: the service re-wraps the data keys at start.
    const rotated = await startAnotherTenantData(h, { HEALTH_DATA_KEK: k2, HEALTH_DATA_KEK_ID: 'k2', HEALTH_DATA_PREVIOUS_KEKS: `dev:${devKek}` });
    try {
      const after = await rawRows(caller.tenantId);
      expect(after.keys[0]).toMatchObject({ kek_id: 'k2' });
      expect((after.keys[0] as { wrapped_key: string }).wrapped_key).not.toBe((before.keys[0] as { wrapped_key: string }).wrapped_key);
      expect(after.alerts).toEqual(before.alerts);
      expect(after.notes).toEqual(before.notes);
    } finally {
      await rotated.stop();
    }
    // The old KEK retired: the data still opens under the new one alone.
    const retired = await startAnotherTenantData(h, { HEALTH_DATA_KEK: k2, HEALTH_DATA_KEK_ID: 'k2' });
    try {
      const api = signedClient(retired.server, caller);
      expect((await api.get(`/clients/${clientId}/alerts`)).body).toEqual(ALERTS);
      expect((await api.get(`/clients/${clientId}/notes`)).body.items[0].text).toBe(NOTE);
    } finally {
      await retired.stop();
    }
  });
});

describe("the older notes fields: a client's form notes and an appointment's notes (ADR 65)", () => {
  const PROFILE = 'Suikerziekte type 1, let op bij knippen';
  const VISIT = 'Kloven hiel rechts, vaseline geadviseerd';
  const rawNotes = (tenantId: string) => h.scope.run(tenantId, async (em) => ({
    clients: await em.execute<{ id: string; notes: string | null }[]>('select id, notes from clients where tenant_id = ? order by id', [tenantId]),
    appointments: await em.execute<{ id: string; notes: string | null }[]>('select id, notes from appointments where tenant_id = ? order by id', [tenantId]),
  }));

  it('are stored sealed under the institute\'s key and read as written, also after a change', async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = (await api.post('/clients', { name: 'Truus Hiel', notes: PROFILE })).body.id as string;
    const booked = await api.post('/appointments', { clientId, startsAt: '2026-12-02T10:00:00Z', endsAt: '2026-12-02T11:00:00Z', treatment: 'Pedicure', notes: VISIT });
    expect(booked.body.notes).toBe(VISIT);
    const raw = await rawNotes(caller.tenantId);
    for (const row of [...raw.clients, ...raw.appointments]) expect(row.notes).toMatch(/^hd1:[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const plain of ['Suikerziekte', 'knippen', 'Kloven', 'vaseline']) expect(JSON.stringify(raw)).not.toContain(plain);
    expect((await api.get(`/clients/${clientId}/notes`)).body.general).toBe(PROFILE);
    expect((await api.get(`/appointments/${booked.body.id}`)).body.notes).toBe(VISIT);

    // The same text again is no change; another text is sealed anew; null clears.
    const before = (await api.get(`/clients/${clientId}`)).body.updatedAt;
    expect((await api.patch(`/clients/${clientId}`, { notes: PROFILE })).body.updatedAt).toBe(before);
    expect((await rawNotes(caller.tenantId)).clients[0]?.notes).toBe(raw.clients[0]?.notes);
    expect((await api.patch(`/appointments/${booked.body.id}`, { notes: 'Hiel genezen' })).body.notes).toBe('Hiel genezen');
    expect((await api.get(`/appointments/${booked.body.id}`)).body.notes).toBe('Hiel genezen');
    expect((await api.patch(`/clients/${clientId}`, { notes: null })).body.hasNotes).toBe(false);
    expect((await rawNotes(caller.tenantId)).clients[0]?.notes).toBeNull();
  });

  it('seals notes written before they were sealed when tenant-data starts, and reads them the same before and after', async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = (await api.post('/clients', { name: 'Oud Dossier' })).body.id as string;
    const appointmentId = (await api.post('/appointments', { clientId, startsAt: '2026-12-03T10:00:00Z', endsAt: '2026-12-03T11:00:00Z', treatment: 'Pedicure' })).body.id as string;
    // As a database from before ADR 65 holds them.
    await h.scope.run(caller.tenantId, async (em) => {
      await em.execute('update clients set notes = ? where id = ?', [PROFILE, clientId]);
      await em.execute('update appointments set notes = ? where id = ?', [VISIT, appointmentId]);
    });
    expect((await api.get(`/clients/${clientId}/notes`)).body.general).toBe(PROFILE);
    expect((await api.get(`/appointments/${appointmentId}`)).body.notes).toBe(VISIT);

    // Started as this suite's service is (the development KEK), able to unwrap the key the rotation test
    // above may have left current: at start it re-wraps, then seals, before it serves.
    const restarted = await startAnotherTenantData(h, { HEALTH_DATA_PREVIOUS_KEKS: `k2:${Buffer.alloc(32, 42).toString('base64')}` });
    let raw: Awaited<ReturnType<typeof rawNotes>> | undefined;
    try {
      raw = await rawNotes(caller.tenantId);
      expect((await signedClient(restarted.server, caller).get(`/clients/${clientId}/notes`)).body.general).toBe(PROFILE);
    } finally {
      await restarted.stop();
    }
    expect([raw?.clients[0]?.notes, raw?.appointments[0]?.notes]).toEqual([expect.stringMatching(/^hd1:/), expect.stringMatching(/^hd1:/)]);
    expect((await api.get(`/clients/${clientId}/notes`)).body.general).toBe(PROFILE);
    expect((await api.get(`/appointments/${appointmentId}`)).body.notes).toBe(VISIT);
    const [exported] = await privacy.run('access', { kind: 'client', tenantId: caller.tenantId, clientId });
    for (const plain of [PROFILE, VISIT]) expect(exported?.upload).toContain(plain);
    expect(exported?.upload).not.toContain('hd1:');
  });
});

describe('health data and privacy requests', () => {
  it("exports a client's alerts and notes decrypted, and erasing the client erases them", async () => {
    const caller = owner();
    const { clientId } = await clientWithHealthData(caller);
    const subject = { kind: 'client' as const, tenantId: caller.tenantId, clientId };
    const [exported] = await privacy.run('access', subject);
    expect(exported?.results).toEqual(expect.arrayContaining([
      { category: 'client-alerts', records: 2, action: 'exported' },
      { category: 'client-notes', records: 1, action: 'exported' },
    ]));
    for (const plain of ['Nikkelallergie', 'Diabetes type 2', NOTE]) expect(exported?.upload).toContain(plain);

    const [erased] = await privacy.run('erasure', subject);
    expect(erased?.results).toEqual(expect.arrayContaining([
      { category: 'client-alerts', records: 1, action: 'erased' },
      { category: 'client-notes', records: 1, action: 'erased' },
    ]));
    const raw = await rawRows(caller.tenantId);
    expect([raw.alerts, raw.notes]).toEqual([[], []]);
  });

  it("destroys the institute's data key when the institute is erased, so saved ciphertext cannot be opened", async () => {
    const caller = owner();
    const bystander = owner();
    await clientWithHealthData(caller);
    await clientWithHealthData(bystander);
    const backup = await rawRows(caller.tenantId);
    expect(backup.keys).toHaveLength(1);
    await privacy.run('erasure', { kind: 'tenant', tenantId: caller.tenantId });
    const after = await rawRows(caller.tenantId);
    expect(after).toEqual({ alerts: [], notes: [], keys: [] });
    // Restoring the backup's sealed rows without the key opens nothing: no key is left to unwrap.
    expect((await rawRows(bystander.tenantId)).keys).toHaveLength(1);
    expect((await as(h, bystander).get('/clients')).body.items).toHaveLength(1);
  });
});
