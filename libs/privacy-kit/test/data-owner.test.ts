import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { EXPORT_PART_FINAL, natsName, OwnerAnnounced, OwnerResultReported, PRIVACY_STREAM, RequestCommanded, type DataSubject, type OwnerDeclaration, type OwnerResultReported as Result } from '@homi/contracts';
import { connectNats, messagingEntities, messagingMigration, OutboxRelay, publish } from '@homi/messaging';
import { createLogger, createOrm, devServiceKeys, devTrustedKeys, newId, serviceVerifier, verifyService } from '@homi/service-kit';
import { createDatabase, dropDatabase, streamEvents, testInfra, uniqueName } from '@homi/testing';
import { ownerAnswersMigration, startDataOwner, type DataOwner, type DataOwnerHandle } from '../src';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

let orm: MikroORM;
let nc: NatsConnection;
let js: JetStreamClient;
let relay: OutboxRelay;
let handle: DataOwnerHandle | undefined;
let server: http.Server;
let privacyUrl: string;
const uploads = new Map<string, { service: string; body: string }>();
/** Parts privacy no longer takes (the owner's answer is recorded): answered 409 export-part-final; each PUT counted. */
const finalParts = new Map<string, number>();
const dbName = uniqueName('homi_pk_test');
const ownerName = `test-owner-${randomBytes(3).toString('hex')}`;
/** The privacy service's side: it trusts this owner's (development) key. */
const privacyVerifier = serviceVerifier({ service: 'privacy', trusted: devTrustedKeys([ownerName]) });

const declaration: OwnerDeclaration = {
  owner: ownerName,
  version: '1',
  controllerRole: 'processor',
  categories: [{
    name: 'notes', description: 'Notes about a client', subjects: ['client'], fields: ['text'], purpose: 'Treatment',
    legalBasis: 'contract', retention: { period: null, startsAt: 'while the client is active' }, recipients: [], source: 'the institute',
  }],
};

/** A data owner over a real table, counting how often each operation ran. */
function notesOwner(calls: { erase: number }, failing = false): DataOwner {
  return {
    declaration,
    async *export(subject, { em }) {
      const rows = await em.getConnection().execute<{ id: number; text: string }[]>('select id, text from notes where client_id = ? order by id', [clientOf(subject)]);
      for (const row of rows) yield { category: 'notes', data: row };
    },
    async erase(subject, { em }) {
      calls.erase++;
      const res = await em.execute('delete from notes where client_id = ?', [clientOf(subject)], 'run');
      // Half done: the notes are gone in this transaction when it fails.
      if (failing) throw new Error('disk on fire for Jan Jansen');
      return [{ category: 'notes', records: (res as unknown as { affectedRows: number }).affectedRows, action: 'erased' }];
    },
  };
}
const clientOf = (s: DataSubject) => (s.kind === 'client' ? s.clientId : '');

beforeAll(async () => {
  const infra = await testInfra();
  orm = await createOrm({ clientUrl: await createDatabase(infra.databaseUrl, dbName), entities: [...messagingEntities], migrations: [messagingMigration, ownerAnswersMigration] });
  await orm.migrator.up();
  await orm.em.getConnection().execute('create table notes (id serial primary key, client_id text not null, text text not null)');
  nc = await connectNats({ url: infra.natsUrl, name: 'privacy-kit-test' });
  js = jetstream(nc);
  relay = new OutboxRelay(orm, js, silent, { pollIntervalMs: 20 });
  relay.start();
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    const verified = verifyService(req.headers['x-homi-service'] as string, privacyVerifier, { method: req.method ?? '', path: req.url ?? '' });
    req.on('end', () => void verified.then((service) => {
      const url = req.url ?? '';
      if (finalParts.has(url)) {
        finalParts.set(url, finalParts.get(url)! + 1);
        res.writeHead(409, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: `https://docs.homi.nl/problems/${EXPORT_PART_FINAL}`, status: 409 }));
        return;
      }
      uploads.set(url, { service, body });
      res.writeHead(204).end();
    }, () => res.writeHead(401).end()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  privacyUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await handle?.stop();
  await relay.stop();
  server.close();
  const jsm = await js.jetstreamManager();
  await jsm.consumers.delete(PRIVACY_STREAM.name, `privacy-owner-${ownerName}`).catch(() => undefined);
  await nc.close();
  await orm.close();
  await dropDatabase((await testInfra()).databaseUrl, dbName);
});

/** This owner's results for one request on the PRIVACY stream, once `expected` are there (or the wait is over). */
async function resultsFor(requestId: string, expected: number, waitMs = 15_000): Promise<Result[]> {
  const subject = OwnerResultReported.forOwner(ownerName).subject;
  const events = await streamEvents<Result>(nc, { stream: PRIVACY_STREAM.name, subject, match: (r) => r.requestId === requestId, expected, timeoutMs: waitMs });
  return events.map((event) => event.data);
}

async function command(type: 'access' | 'erasure', clientId: string, owners = [ownerName], msgId = newId('msg'), requestId = newId('dsr')) {
  await publish(js, RequestCommanded, { requestId, type, subject: { kind: 'client', tenantId: newId('ten'), clientId }, owners, attempt: 1, occurredAt: new Date().toISOString() }, { msgId });
  return requestId;
}

describe('a data owner', () => {
  const calls = { erase: 0 };

  beforeAll(async () => {
    handle = await startDataOwner({ js, orm, logger: silent, owner: notesOwner(calls), privacy: { url: privacyUrl, keys: devServiceKeys(ownerName) } });
  });

  it('announces its declaration on start, on the subject that names it', async () => {
    const jsm = await js.jetstreamManager();
    const msg = await jsm.streams.getMessage(PRIVACY_STREAM.name, { last_by_subj: natsName.subject(`privacy.owner.${ownerName}.announced.v1`) });
    expect(msg?.json<{ declaration: OwnerDeclaration }>().declaration.owner).toBe(ownerName);
    expect(OwnerAnnounced.ownerOf(msg!.subject)).toBe(ownerName);
  });

  it('streams its export part to the privacy service and reports the counts', async () => {
    const clientId = newId('cli');
    await orm.em.getConnection().execute(`insert into notes (client_id, text) values (?, 'allergic to latex'), (?, 'prefers mornings'), ('cli_other0000000', 'x')`, [clientId, clientId]);
    const requestId = await command('access', clientId);
    const [result] = await resultsFor(requestId, 1);
    expect(result).toMatchObject({ outcome: 'completed', owner: ownerName, results: [{ category: 'notes', records: 2, action: 'exported' }] });
    const upload = uploads.get(`/internal/v1/privacy/requests/${requestId}/parts/${ownerName}`);
    expect(upload?.service).toBe(ownerName);
    expect(upload?.body.trim().split('\n').map((l) => JSON.parse(l).data.text)).toEqual(['allergic to latex', 'prefers mornings']);
    expect(result?.exportBytes).toBe(Buffer.byteLength(upload?.body ?? ''));
  });

  it('erases once; a command sent again answers the total so far, never a lone "nothing left" (ADR 58)', async () => {
    const clientId = newId('cli');
    await orm.em.getConnection().execute(`insert into notes (client_id, text) values (?, 'a'), (?, 'b')`, [clientId, clientId]);
    const requestId = newId('dsr');
    const data = { requestId, type: 'erasure' as const, subject: { kind: 'client' as const, tenantId: newId('ten'), clientId }, owners: [ownerName], attempt: 1, occurredAt: new Date().toISOString() };
    await publish(js, RequestCommanded, data, { msgId: `${requestId}-1` });
    await publish(js, RequestCommanded, { ...data, attempt: 2 }, { msgId: `${requestId}-2` });
    // Privacy may read the second answer first (the first one redelivered after a crash): both say 2.
    const results = await resultsFor(requestId, 2);
    expect(results.map((r) => r.results)).toEqual([
      [{ category: 'notes', records: 2, action: 'erased' }],
      [{ category: 'notes', records: 2, action: 'erased' }],
    ]);
    const left = await orm.em.getConnection().execute('select count(*)::int as n from notes where client_id = ?', [clientId]);
    expect(left[0]?.n).toBe(0);
  });

  it('adds what a later run of the same request erased to what the earlier runs erased', async () => {
    const clientId = newId('cli');
    await orm.em.getConnection().execute(`insert into notes (client_id, text) values (?, 'a'), (?, 'b')`, [clientId, clientId]);
    const requestId = newId('dsr');
    const data = { requestId, type: 'erasure' as const, subject: { kind: 'client' as const, tenantId: newId('ten'), clientId }, owners: [ownerName], attempt: 1, occurredAt: new Date().toISOString() };
    await publish(js, RequestCommanded, data, { msgId: `${requestId}-1` });
    expect((await resultsFor(requestId, 1))[0]?.results[0]?.records).toBe(2);
    await orm.em.getConnection().execute(`insert into notes (client_id, text) values (?, 'written meanwhile')`, [clientId]);
    await publish(js, RequestCommanded, { ...data, attempt: 2 }, { msgId: `${requestId}-2` });
    const results = await resultsFor(requestId, 2);
    expect(results.map((r) => r.results[0]?.records)).toEqual([2, 3]);
    const [answer] = await orm.em.getConnection().execute('select results from privacy_owner_answers where request_id = ?', [requestId]);
    expect(answer?.results).toEqual([{ category: 'notes', records: 3, action: 'erased' }]);
  });

  it('forgets answers past their retention (180 days) when it stores the next one, and keeps the recent ones', async () => {
    const [expired, recent] = [newId('dsr'), newId('dsr')];
    await orm.em.getConnection().execute(
      `insert into privacy_owner_answers (request_id, type, results, answered_at) values
         (?, 'erasure', '[]'::jsonb, now() - interval '181 days'), (?, 'erasure', '[]'::jsonb, now() - interval '179 days')`,
      [expired, recent],
    );
    const clientId = newId('cli');
    const requestId = newId('dsr');
    const data = { requestId, type: 'erasure' as const, subject: { kind: 'client' as const, tenantId: newId('ten'), clientId }, owners: [ownerName], attempt: 1, occurredAt: new Date().toISOString() };
    await publish(js, RequestCommanded, data, { msgId: `${requestId}-1` });
    await resultsFor(requestId, 1);
    const rows = await orm.em.getConnection().execute<{ request_id: string }[]>(
      'select request_id from privacy_owner_answers where request_id in (?, ?, ?) order by request_id', [expired, recent, requestId],
    );
    expect(rows.map((r) => r.request_id).sort()).toEqual([recent, requestId].sort());
  });

  it('takes a command whose answer privacy already holds (its part final) as done: no answer again, no retry', async () => {
    const requestId = newId('dsr');
    const path = `/internal/v1/privacy/requests/${requestId}/parts/${ownerName}`;
    finalParts.set(path, 0);
    await command('access', newId('cli'), [ownerName], newId('msg'), requestId);
    const jsm = await js.jetstreamManager();
    const durable = `privacy-owner-${ownerName}`;
    for (const deadline = Date.now() + 10_000; finalParts.get(path) === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      const info = await jsm.consumers.info(PRIVACY_STREAM.name, durable);
      if (info.num_pending + info.num_ack_pending === 0) break;
    }
    // Before: the refusal failed the handler, retried for minutes and then answered "failed".
    expect(await resultsFor(requestId, 1, 3000)).toEqual([]);
    expect(finalParts.get(path)).toBe(1);
    const info = await jsm.consumers.info(PRIVACY_STREAM.name, durable);
    expect(info.num_pending + info.num_ack_pending).toBe(0);
  });

  it('ignores commands addressed to other owners', async () => {
    const before = calls.erase;
    const requestId = await command('erasure', newId('cli'), ['someone-else']);
    expect(await resultsFor(requestId, 1, 3000)).toEqual([]);
    expect(calls.erase).toBe(before);
  });
});

describe('a failing data owner', () => {
  it('retries, then reports failure without personal data instead of staying silent', async () => {
    await handle?.stop();
    const calls = { erase: 0 };
    handle = await startDataOwner({ js, orm, logger: silent, owner: notesOwner(calls, true), privacy: { url: privacyUrl, keys: devServiceKeys(ownerName) }, maxAttempts: 2, backoffMs: [50] });
    const clientId = newId('cli');
    await orm.em.getConnection().execute(`insert into notes (client_id, text) values (?, 'a'), (?, 'b')`, [clientId, clientId]);
    const requestId = await command('erasure', clientId);
    const [result] = await resultsFor(requestId, 1);
    expect(result).toMatchObject({ outcome: 'failed', error: 'Error' });
    expect(JSON.stringify(result)).not.toContain('Jansen');
    expect(calls.erase).toBe(2);
    // Neither attempt's half-done deletion stayed: the first rolled back with its message's
    // transaction, the last with its savepoint, under the committed failure report.
    const left = await orm.em.getConnection().execute('select count(*)::int as n from notes where client_id = ?', [clientId]);
    expect(left[0]?.n).toBe(2);
  });
});
