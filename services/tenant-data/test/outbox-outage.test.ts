import { Writable } from 'node:stream';
import { jetstream } from '@nats-io/jetstream';
import { ClientCreated, TENANT_DATA_STREAM } from '@homi/contracts';
import { connectNats, ensureStream, outboxBacklog, runConsumer } from '@homi/messaging';
import { createLogger, createOrm } from '@homi/service-kit';
import { createDatabase, dropDatabase, settled, startPrivateNatsServer, testInfra, uniqueName, type PrivateNatsServer } from '@homi/testing';
import { messagingEntities, messagingMigration } from '@homi/messaging';
import { buildService, stopService, type TenantDataService } from '../src/service';
import { readConfig } from '../src/config';
import { as, owner } from './harness';

// NATS dies while clients are being written; when it is back every event arrives exactly once.
describe('outbox across a NATS outage', () => {
  let nats: PrivateNatsServer;
  let service: TenantDataService;
  const dbs: string[] = [];
  const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

  afterAll(async () => {
    if (service) await stopService(service);
    await nats?.dispose();
    const infra = await testInfra();
    for (const db of dbs) await dropDatabase(infra.databaseUrl, db);
  });

  it('delivers every client event exactly once after NATS comes back', async () => {
    const infra = await testInfra();
    nats = await startPrivateNatsServer();
    const dbName = uniqueName('homi_td_outage');
    dbs.push(dbName);
    const url = await createDatabase(infra.databaseUrl, dbName);
    service = await buildService(readConfig({ TENANT_DATA_DATABASE_URL: url, NATS_URL: nats.url, NODE_ENV: 'test' }), silent);
    const server = service.http.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const api = as({ server } as never, owner());

    const created: string[] = [];
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await api.post('/clients', { name: `Client ${created.length}` });
        expect(res.status).toBe(201);
        created.push(res.body.id);
      }
    };
    await write(5);
    await nats.stop();
    await write(20);
    await nats.start();
    await write(5);

    // A separate consumer service with its own inbox counts what arrives.
    const consumerDbName = uniqueName('homi_td_outage_consumer');
    dbs.push(consumerDbName);
    const consumerOrm = await createOrm({ clientUrl: await createDatabase(infra.databaseUrl, consumerDbName), entities: [...messagingEntities], migrations: [messagingMigration] });
    await consumerOrm.migrator.up();
    const nc = await connectNats({ url: nats.url, name: 'counter' });
    const js = jetstream(nc);
    await ensureStream(await js.jetstreamManager(), { name: TENANT_DATA_STREAM.name, subjects: [...TENANT_DATA_STREAM.subjects] });
    const received: string[] = [];
    const handle = await runConsumer({
      js, orm: consumerOrm, logger: silent, stream: TENANT_DATA_STREAM.name, durable: 'outage-counter',
      contracts: [ClientCreated],
      handler: async (event) => { received.push(event.data.clientId); },
    });
    // Every published event handled and acknowledged: a duplicate still on its way would show now.
    await settled({ jsm: await js.jetstreamManager(), backlogs: [() => outboxBacklog(service.orm)], consumers: (_stream, durable) => durable === 'outage-counter', timeoutMs: 40_000, what: 'the outbox and the counter' });
    await handle.stop();
    await nc.close();
    await consumerOrm.close();
    server.close();
    expect(received.length).toBe(created.length);
    expect(new Set(received)).toEqual(new Set(created));
  }, 60_000);
});
