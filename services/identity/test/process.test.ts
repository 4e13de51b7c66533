import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { AUDIT_STREAM, IDENTITY_STREAM } from '@homi/contracts';
import { connectNats } from '@homi/messaging';
import { spawnDevIssuer, type SpawnedDevIssuer } from '@homi/dev-issuer';
import { createOwnedDatabase, startServiceProcess, testInfra, uniqueName, type OwnedDatabase, type ServiceProcess } from '@homi/testing';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0001-initial';
import { signupBody } from './fixtures';
import { canLogIn } from './support';

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'main.js');
const newestSource = () => Math.max(...readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts')).map((f) => statSync(path.join(root, 'src', f)).mtimeMs));
const built = existsSync(entry) && statSync(entry).mtimeMs >= newestSource();

// The compiled CommonJS service loads the ESM-only Keycloak admin client through Node's require(esm);
// here that adapter talks to the development issuer's Keycloak-compatible admin API.
(built ? describe : describe.skip)(`compiled service${built ? '' : ' (skipped: dist/main.js is missing or older than src; run npm run build)'}`, () => {
  let issuer: SpawnedDevIssuer;
  let service: ServiceProcess;
  let db: OwnedDatabase | undefined;
  const dbName = uniqueName('homi_id_process');
  const suffix = dbName.slice(-13);
  const names = {
    memberships: `identity_test_memberships_${suffix}`, users: `identity_test_users_${suffix}`, grants: `identity_test_grants_${suffix}`,
    consumer: `identity-kv-process-${suffix}`, auditConsumer: `identity-audit-process-${suffix}`,
    refusalsConsumer: `identity-refusals-process-${suffix}`,
  };

  beforeAll(async () => {
    const infra = await testInfra();
    // As production's owner: no superuser, held to forced row-level security (ADR 4).
    db = await createOwnedDatabase(infra.databaseUrl, dbName, { roles: [TENANT_ROLE] });
    issuer = await spawnDevIssuer();
    service = await startServiceProcess({
      name: 'identity',
      entry,
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        IDENTITY_DATABASE_URL: db.url,
        NATS_URL: infra.natsUrl,
        IDENTITY_PROVIDER: 'keycloak',
        KEYCLOAK_URL: issuer.url,
        KEYCLOAK_ADMIN_CLIENT_SECRET: issuer.adminSecret,
        MEMBERSHIPS_BUCKET: names.memberships,
        USERS_BUCKET: names.users,
        KV_PROJECTION_CONSUMER: names.consumer,
        SUPPORT_GRANTS_BUCKET: names.grants,
        AUDIT_LOG_CONSUMER: names.auditConsumer,
        SUPPORT_REFUSALS_CONSUMER: names.refusalsConsumer,
        PRIVACY_DATA_OWNER: 'false',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await issuer?.stop();
    const infra = await testInfra();
    const nc = await connectNats({ url: infra.natsUrl, name: 'identity-process-test' });
    const jsm = await jetstream(nc).jetstreamManager();
    await jsm.consumers.delete(IDENTITY_STREAM.name, names.consumer).catch(() => undefined);
    await jsm.consumers.delete(AUDIT_STREAM.name, names.auditConsumer).catch(() => undefined);
    await jsm.consumers.delete(AUDIT_STREAM.name, names.refusalsConsumer).catch(() => undefined);
    for (const bucket of [names.memberships, names.users, names.grants]) await (await new Kvm(nc).open(bucket)).destroy().catch(() => undefined);
    await nc.close();
    await db?.drop();
  });

  it('signs up through the Keycloak adapter, logs nothing personal and stops cleanly', async () => {
    const body = signupBody();
    const res = await fetch(`${service.url}/api/v1/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    const { userId } = (await res.json()) as { userId: string };
    // The Keycloak adapter proposes no id: the provider's own becomes the user id (ADR 9).
    expect(userId).toMatch(/^usr_[a-z2-7]{20}$/);
    expect(await canLogIn(issuer.issuer, body.email, body.password)).toBe(true);
    expect(await service.stop()).toBe(0);
    expect(service.output()).toContain('identity listening');
    expect(service.output()).not.toContain(body.email);
    expect(service.output()).not.toContain(body.password);
  });
});
