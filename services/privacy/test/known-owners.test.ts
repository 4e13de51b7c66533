import { natsName, OwnerAnnounced, OwnerResultReported, type OwnerDeclaration } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { newId } from '@homi/service-kit';
import { settled } from '@homi/testing';
import { as, eventually, flowSettled, startPrivacy, user, type Harness } from './harness';
import { startTestOwner, type TestOwner } from './owners';

// ADR 42: the privacy service registers and commands only the owners its configuration names, and
// takes an announcement or an answer only on the subject of the owner it speaks for.

let h: Harness;
let records: TestOwner;
let ledger: TestOwner;

beforeAll(async () => {
  h = await startPrivacy();
  records = await startTestOwner(h, 'salon-records', ['client-profile']);
  ledger = await startTestOwner(h, 'ledger', ['invoices']);
  await eventually(async () => (await dataMap()).length === 3, 20_000, 'owners registered');
}, 60_000);

afterAll(async () => {
  await records?.dispose();
  await ledger?.dispose();
  await h?.dispose();
});

const anyone = () => as(h, user());
const dataMap = async () => (await anyone().get('/data-map')).body.owners as { owner: string; version: string }[];
const declaration = (owner: string, version = '1'): OwnerDeclaration => ({
  owner,
  version,
  controllerRole: 'processor',
  categories: [{
    name: 'notes', description: 'Notes', subjects: ['client'], fields: ['text'], purpose: 'Testing', legalBasis: 'contract',
    retention: { period: null, startsAt: 'while the account exists' }, recipients: [], source: 'the data subject',
  }],
});
const settle = (what: string) => flowSettled(h, [records, ledger], what);

describe('an announcement', () => {
  it('from an owner the configuration does not name is refused and logged by name, and its requests do not wait for it', async () => {
    const stranger = `test-owner-${newId('msg').slice(-6).toLowerCase()}`;
    await publish(h.js, OwnerAnnounced.forOwner(stranger), { declaration: declaration(stranger), occurredAt: new Date().toISOString() }, { msgId: newId('msg') });
    await settle('the stranger announced');

    expect((await dataMap()).map((o) => o.owner)).toEqual(['ledger', 'privacy', 'salon-records']);
    const refusal = h.logLines.find((l) => l.includes(stranger));
    expect(refusal).toMatch(/dead-lettered/);
    expect(JSON.parse(refusal!)).toMatchObject({ reason: 'unknown_subject', subject: natsName.subject(`privacy.owner.${stranger}.announced.v1`) });

    const api = anyone();
    const id = (await api.post('/requests', { type: 'erasure', subject: { kind: 'self' } })).body.id as string;
    const done = await eventually(async () => {
      const body = (await api.get(`/requests/${id}`)).body;
      return body.status === 'completed' && body;
    }, 20_000, 'request completed');
    expect(done.owners.map((o: { owner: string }) => o.owner)).toEqual(['ledger', 'salon-records']);
  });

  it('on one owner’s subject for another owner is refused: a credential speaks only for its own owner', async () => {
    await publish(h.js, OwnerAnnounced.forOwner('ledger'), { declaration: declaration('salon-records', 'spoofed'), occurredAt: new Date().toISOString() }, { msgId: newId('msg') });
    await settle('the spoofed announcement');

    expect((await dataMap()).find((o) => o.owner === 'salon-records')?.version).toBe('1');
    const refusal = h.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'data owner announcement refused');
    expect(refusal).toMatchObject({ owner: 'salon-records', subjectOwner: 'ledger', outcome: 'refused-subject-mismatch' });
  });
});

describe('an owner’s answer', () => {
  it('on another owner’s subject is not recorded', async () => {
    await records.stop();
    const api = anyone();
    const id = (await api.post('/requests', { type: 'erasure', subject: { kind: 'self' } })).body.id as string;
    await eventually(async () => (await api.get(`/requests/${id}`)).body.owners?.find((o: { owner: string; status: string }) => o.owner === 'ledger' && o.status === 'completed'), 20_000, 'ledger answered');

    // ledger's credential reports salon-records done: forged.
    const forged = { requestId: id, owner: 'salon-records', outcome: 'completed' as const, results: [], occurredAt: new Date().toISOString() };
    await publish(h.js, OwnerResultReported.forOwner('ledger'), forged, { msgId: newId('msg') });
    // salon-records' own durable holds the command while it is stopped: wait for privacy's alone.
    await settled({ jsm: await h.js.jetstreamManager(), consumers: (_stream, durable) => durable === 'privacy-results-by-owner', what: 'the forged answer' });
    const body = (await api.get(`/requests/${id}`)).body;
    expect(body.status).toBe('in_progress');
    expect(body.owners.find((o: { owner: string }) => o.owner === 'salon-records').status).toBe('pending');
    expect(h.logLines.some((l) => l.includes('owner result refused') && l.includes(id))).toBe(true);

    await records.start();
    await h.service.jobs.scheduler.runOnce();
    await eventually(async () => (await api.get(`/requests/${id}`)).body.status === 'completed', 20_000, 'completed by the real answer');
  });
});

describe('an owner that stays silent', () => {
  // Last in this file: it moves the service's clock past a deadline.
  it('does not hold back the others’ results, and at the deadline the request is answered with it named; its late answer completes it', async () => {
    await ledger.stop();
    const api = anyone();
    const id = (await api.post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id as string;
    const answered = await eventually(async () => {
      const body = (await api.get(`/requests/${id}`)).body;
      return body.owners?.find((o: { owner: string; status: string }) => o.owner === 'salon-records' && o.status === 'completed') && body;
    }, 20_000, 'salon-records recorded while ledger is silent');
    expect(answered).toMatchObject({ status: 'in_progress', silentOwners: ['ledger'], export: { available: false } });

    h.clock.advance(new Date(answered.dueAt).getTime() - h.clock.now().getTime() - 2 * 86_400_000);
    await h.service.jobs.scheduler.runOnce();
    expect((await api.get(`/requests/${id}`)).body).toMatchObject({ status: 'in_progress', escalatedAt: expect.any(String), silentOwners: ['ledger'] });

    h.clock.advance(2 * 86_400_000);
    await h.service.jobs.scheduler.runOnce();
    const gaps = (await api.get(`/requests/${id}`)).body;
    expect(gaps).toMatchObject({ status: 'completed_with_gaps', silentOwners: ['ledger'], overdue: false, export: { available: true } });
    expect(gaps.owners.find((o: { owner: string }) => o.owner === 'salon-records').status).toBe('completed');

    await ledger.start();
    const done = await eventually(async () => {
      const body = (await api.get(`/requests/${id}`)).body;
      return body.status === 'completed' && body;
    }, 20_000, 'completed by the late answer');
    expect(done.silentOwners).toEqual([]);
  });
});
