import { isAppError } from '@homi/service-kit';
import { createAppointment } from './create-appointment';
import { createClient } from './create-client';
import { getAppointment } from './get-appointment';
import { addNote, listNotes, readAlerts, replaceAlerts, rewrapDataKeys, sealOlderNotes } from './health-data';
import { updateAppointment } from './update-appointment';
import { updateClient } from './update-client';
import { inMemoryDeps } from './in-memory';

const TENANT = 'ten_0000000001';
const OTHER = 'ten_0000000002';
const AUTHOR = 'usr_0000000001';
/** An appointment of the client on 3 March, booked by the owner. */
const book = (deps: ReturnType<typeof inMemoryDeps>['deps'], clientId: string, notes?: string) =>
  createAppointment(deps, TENANT, { clientId, startsAt: '2026-03-03T09:00:00Z', endsAt: '2026-03-03T10:00:00Z', treatment: 'Pedicure', notes }, { role: 'owner' });
const kindOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  return isAppError(err) ? err.kind : err;
};

describe('health-data use cases', () => {
  it('stores alerts and notes only sealed, and opens them for the same client', async () => {
    const { deps, repositories } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    await replaceAlerts(deps, TENANT, client.id, [{ kind: 'allergy', text: 'Latex' }]);
    await addNote(deps, TENANT, client.id, AUTHOR, { text: 'Eelt verwijderd' });
    expect([...repositories.health.sealedAlerts.values()].join()).not.toContain('Latex');
    expect(repositories.health.sealedNotes.map((n) => n.sealed).join()).not.toContain('Eelt');
    expect(await readAlerts(deps, TENANT, client.id)).toEqual([{ kind: 'allergy', text: 'Latex' }]);
    expect(await listNotes(deps, TENANT, client.id)).toEqual({
      general: null,
      items: [{ id: expect.stringMatching(/^nte_/), text: 'Eelt verwijderd', appointmentId: null, authorId: AUTHOR, createdAt: deps.clock() }],
    });
    // One data key for the institute, made on its first write.
    expect(repositories.health.keys.size).toBe(1);
  });

  it("answers not_found for another institute's client and for an unknown one, and stores nothing", async () => {
    const { deps, repositories } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    expect(await kindOf(readAlerts(deps, OTHER, client.id))).toBe('not_found');
    expect(await kindOf(replaceAlerts(deps, OTHER, client.id, [{ kind: 'other', text: 'x' }]))).toBe('not_found');
    expect(await kindOf(addNote(deps, OTHER, client.id, AUTHOR, { text: 'x' }))).toBe('not_found');
    expect(await kindOf(listNotes(deps, TENANT, 'cli_unknown00001'))).toBe('not_found');
    expect([repositories.health.sealedAlerts.size, repositories.health.sealedNotes.length, repositories.health.keys.size]).toEqual([0, 0, 0]);
  });

  it("refuses a note for another client's appointment", async () => {
    const { deps, repositories } = inMemoryDeps();
    const anna = await createClient(deps, TENANT, { name: 'Anna' });
    const bram = await createClient(deps, TENANT, { name: 'Bram' });
    const appointment = await book(deps, bram.id);
    expect(await kindOf(addNote(deps, TENANT, anna.id, AUTHOR, { text: 'x', appointmentId: appointment.id }))).toBe('invalid');
    expect(repositories.health.sealedNotes).toEqual([]);
    expect((await addNote(deps, TENANT, bram.id, AUTHOR, { text: 'x', appointmentId: appointment.id })).appointmentId).toBe(appointment.id);
  });

  it('clears the alerts with an empty list', async () => {
    const { deps, repositories } = inMemoryDeps();
    const client = await createClient(deps, TENANT, { name: 'Anna' });
    await replaceAlerts(deps, TENANT, client.id, [{ kind: 'allergy', text: 'Latex' }]);
    await replaceAlerts(deps, TENANT, client.id, []);
    expect(repositories.health.sealedAlerts.size).toBe(0);
    expect(await readAlerts(deps, TENANT, client.id)).toEqual([]);
  });

  it("seals a client's form notes and an appointment's notes when written, and opens them in place only", async () => {
    const { deps, repositories, published } = inMemoryDeps();
    const anna = await createClient(deps, TENANT, { name: 'Anna', notes: 'Suikerziekte' });
    const bram = await createClient(deps, TENANT, { name: 'Bram', notes: 'Geen bijzonderheden' });
    const visit = await book(deps, anna.id, 'Kloven');
    for (const stored of [anna.notes, visit.notes]) expect(stored).toMatch(/^hd1:/);
    expect(JSON.stringify([...repositories.clients.rows.values(), ...repositories.appointments.rows.values()])).not.toMatch(/Suikerziekte|Kloven/);
    expect((await listNotes(deps, TENANT, anna.id)).general).toBe('Suikerziekte');
    expect((await getAppointment(deps, TENANT, visit.id)).notes).toBe('Kloven');

    // The same text is no change (no event, the stored value kept); another text is.
    const [stored, events] = [anna.notes, published.length];
    await updateClient(deps, TENANT, anna.id, { notes: 'Suikerziekte' });
    expect([anna.notes, published.length]).toEqual([stored, events]);
    await updateAppointment(deps, TENANT, visit.id, { notes: 'Kloven genezen' }, { role: 'owner' });
    expect((await getAppointment(deps, TENANT, visit.id)).notes).toBe('Kloven genezen');

    // Sealed for its place: moved to another client, it does not open.
    bram.notes = anna.notes;
    await expect(listNotes(deps, TENANT, bram.id)).rejects.toThrow();
  });

  it('seals the plaintext notes written before, once, and reads them the same before and after', async () => {
    const { deps, repositories } = inMemoryDeps();
    const anna = await createClient(deps, TENANT, { name: 'Anna' });
    const other = await createClient(deps, OTHER, { name: 'Cor' });
    const visit = await book(deps, anna.id);
    [anna.notes, other.notes, visit.notes] = ['Suikerziekte', 'Latex', 'Kloven'];
    expect((await listNotes(deps, TENANT, anna.id)).general).toBe('Suikerziekte');
    expect(await sealOlderNotes(deps)).toBe(3);
    expect([anna.notes, other.notes, visit.notes].every((n) => n?.startsWith('hd1:'))).toBe(true);
    expect(await sealOlderNotes(deps)).toBe(0);
    expect((await listNotes(deps, TENANT, anna.id)).general).toBe('Suikerziekte');
    expect((await listNotes(deps, OTHER, other.id)).general).toBe('Latex');
    expect((await getAppointment(deps, TENANT, visit.id)).notes).toBe('Kloven');
    // Each institute's under its own data key.
    expect([...repositories.health.keys.keys()].sort()).toEqual([TENANT, OTHER].sort());
  });

  it('re-wraps only the data keys under another key-encryption key', async () => {
    const { deps, repositories } = inMemoryDeps();
    repositories.health.keys.set(TENANT, { kekId: 'k0', wrapped: 'old' });
    repositories.health.keys.set(OTHER, { kekId: 'k1', wrapped: 'current' });
    expect(await rewrapDataKeys(deps)).toBe(1);
    expect(repositories.health.keys.get(TENANT)?.kekId).toBe('k1');
    expect(await rewrapDataKeys(deps)).toBe(0);
  });
});
