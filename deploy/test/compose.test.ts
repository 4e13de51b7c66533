// docker-compose.yml must stay valid: `docker-compose config` parses it, resolves anchors, variables
// and build contexts, and checks it against the Compose schema. It takes every secret from `.env`
// (ADR 39): with .env.example it renders, without it it stops naming what is missing; and the
// rendered file keeps the properties of ADR 39 (roles per service, TLS, no published admin UI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '../..');
const available = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
const composeFile = join(repoRoot, 'docker-compose.yml');
const envExample = join(repoRoot, '.env.example');

const scratch = mkdtempSync(join(tmpdir(), 'homi-compose-'));
const emptyEnv = join(scratch, 'empty.env');
writeFileSync(emptyEnv, '');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** docker-compose with no `.env` of the operator's (an empty one is named, so a developer's own .env never counts). */
function compose(args: string[], envFile = emptyEnv) {
  return spawnSync('docker-compose', ['--env-file', envFile, '-f', composeFile, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000, // docker-compose (Python) takes tens of seconds on a loaded machine
    env: { PATH: process.env.PATH ?? '' },
  });
}

type Service = { command?: string[]; environment?: Record<string, string>; ports?: Array<string | { published: number | string; host_ip?: string }>; depends_on?: Record<string, { condition: string }> };
const maybe = available ? describe : describe.skip;

maybe(available ? 'docker-compose.yml' : 'docker-compose.yml (SKIPPED: docker-compose is not installed; apt-get install docker-compose)', () => {
  let services: Record<string, Service>;
  beforeAll(() => {
    const r = compose(['config'], envExample);
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
    services = (parse(r.stdout) as { services: Record<string, Service> }).services;
  }, 180_000);

  test('docker-compose config -q passes with .env.example', () => {
    const r = compose(['config', '-q'], envExample);
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
  }, 150_000);

  test('without an .env it refuses, naming the missing secret', () => {
    const r = compose(['config', '-q']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/set [A-Z_]+ in \.env/);
  }, 150_000);

  test('the file gives no secret a default, and .env.example holds placeholders only', () => {
    const text = readFileSync(composeFile, 'utf8');
    expect(text.match(/\$\{[A-Z_]+:-[^}]*\}/g)).toEqual(['${HOMI_TLS_DIR:-./deploy/tls/local}']);
    const example = readFileSync(envExample, 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l));
    expect(example.length).toBeGreaterThan(10);
    for (const line of example) {
      const value = line.slice(line.indexOf('=') + 1);
      const decoded = /^[A-Za-z0-9+/]{40,}={0,2}$/.test(value) ? Buffer.from(value, 'base64').toString('latin1') : value;
      expect([line, /change-me/.test(decoded)]).toEqual([line, true]);
    }
  });

  test('published ports bind to 127.0.0.1 only (Keycloak admin, Mailpit, NATS monitoring, Jaeger, the gateway)', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => ({ name, p })));
    expect(published.map((x) => x.name).sort()).toEqual(['factuursturen-simulator', 'gateway', 'jaeger', 'keycloak', 'mailpit', 'nats']);
    for (const { name, p } of published) {
      const hostIp = typeof p === 'string' ? p.split(':')[0] : p.host_ip;
      expect([name, hostIp]).toEqual([name, '127.0.0.1']);
    }
  });

  test('Keycloak runs `start` over HTTPS, on a Postgres connection it verifies', () => {
    const kc = services.keycloak!;
    expect(kc.command?.[0]).toBe('start');
    expect(JSON.stringify(kc.command)).not.toContain('start-dev');
    expect(kc.environment).toMatchObject({ KC_HTTP_ENABLED: 'false', KC_HTTPS_CERTIFICATE_FILE: '/tls/keycloak.crt', KC_DB_USERNAME: 'keycloak' });
    expect(kc.environment?.KC_DB_URL).toContain('sslmode=verify-full');
  });

  test('NATS and Postgres accept TLS only', () => {
    expect(services.nats!.command).toEqual(expect.arrayContaining(['--tls', '--tlscert', '/tls/nats.crt', '--tlskey', '/tls/nats.key']));
    const pg = services.postgres!.command!.join(' ');
    expect(pg).toContain('-c ssl=on');
    expect(pg).toContain('hba_file=/etc/postgresql/pg_hba.conf');
    const hba = readFileSync(join(repoRoot, 'deploy/postgres/pg_hba.conf'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    for (const line of hba) expect(line).toMatch(/^(local|hostssl)\s/);
  });

  test.each(['identity', 'privacy', 'helpdesk'])('%s and its migrate step have the SMTP server their production configuration requires (ADR 26, ADR 51)', (name) => {
    // libs/mail's checkMailEnv refuses NODE_ENV=production without SMTP_URL or SMTP_HOST, and the
    // migrate step reads the same configuration before it migrates.
    for (const step of [name, `${name}-migrate`]) {
      expect([step, services[step]!.environment]).toEqual([step, expect.objectContaining({ NODE_ENV: 'production', SMTP_HOST: 'mailpit', SMTP_PORT: '1025' })]);
    }
    expect(services[name]!.depends_on?.mailpit).toEqual({ condition: 'service_started' });
  });

  test.each([
    ['identity', 'IDENTITY_DATABASE_URL', 'homi_identity'],
    ['tenant-data', 'TENANT_DATA_DATABASE_URL', 'homi_tenant_data'],
    ['billing-integration', 'BILLING_INTEGRATION_DATABASE_URL', 'homi_billing_integration'],
    ['privacy', 'PRIVACY_DATABASE_URL', 'homi_privacy'],
    ['helpdesk', 'HELPDESK_DATABASE_URL', 'homi_helpdesk'],
  ])('%s runs as its runtime role over verified TLS, after its migrate step ran as the owner', (name, urlVar, database) => {
    const svc = services[name]!;
    const migrate = services[`${name}-migrate`]!;
    const runtimeUrl = new URL(svc.environment![urlVar]!);
    const ownerUrl = new URL(migrate.environment![urlVar]!);
    expect([runtimeUrl.username, runtimeUrl.pathname]).toEqual([database, `/${database}`]);
    expect([ownerUrl.username, ownerUrl.pathname]).toEqual([`${database}_owner`, `/${database}`]);
    for (const url of [runtimeUrl, ownerUrl]) {
      expect(url.searchParams.get('sslmode')).toBe('verify-full');
      expect(url.searchParams.get('sslrootcert')).toBe('/tls/ca.crt');
    }
    expect(svc.environment).toMatchObject({ MIGRATIONS: 'skip', NATS_URL: 'tls://nats:4222', NATS_TLS_CA_FILE: '/tls/ca.crt', NODE_ENV: 'production' });
    expect(svc.environment).not.toHaveProperty('DATABASE_URL');
    expect(svc.environment).not.toHaveProperty('MIGRATE_ONLY');
    expect(migrate.environment).toMatchObject({ MIGRATE_ONLY: 'true', MIGRATIONS: 'run', DATABASE_RUNTIME_ROLE: database });
    expect(svc.depends_on?.[`${name}-migrate`]).toEqual({ condition: 'service_completed_successfully' });
    const script = readFileSync(join(repoRoot, 'deploy/postgres/service-roles.sh'), 'utf8');
    expect(script).toContain(`service ${database.replace(/^homi_/, '')} `);
  });
});

// ADR 57: docker-compose.cluster.yml over docker-compose.yml gives a three-node JetStream cluster.
maybe(available ? 'docker-compose.cluster.yml' : 'docker-compose.cluster.yml (SKIPPED: docker-compose is not installed)', () => {
  const clusterFile = join(repoRoot, 'docker-compose.cluster.yml');
  let services: Record<string, Service & { volumes?: string[] }>;
  beforeAll(() => {
    const r = spawnSync('docker-compose', ['--env-file', envExample, '-f', composeFile, '-f', clusterFile, 'config'], {
      cwd: repoRoot, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
    services = (parse(r.stdout) as { services: Record<string, Service & { volumes?: string[] }> }).services;
  }, 180_000);

  test('three NATS nodes run the one cluster file, each its own name and store, with the users of ADR 37', () => {
    const nodes = ['nats', 'nats-2', 'nats-3'].map((name) => ({ name, svc: services[name]! }));
    for (const { name, svc } of nodes) {
      expect([name, svc.command]).toEqual([name, ['-c', '/etc/nats/cluster.conf']]);
      expect(svc.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/deploy\/nats\/cluster\.conf:\/etc\/nats\/cluster\.conf:ro$/), expect.stringMatching(/nats-users\.conf:\/etc\/nats\/nats-users\.conf:ro$/)]));
      expect(svc.environment).toMatchObject({ NATS_PASSWORD_GATEWAY: expect.stringContaining('change-me') });
    }
    expect(nodes.map((n) => n.svc.environment?.NATS_SERVER_NAME)).toEqual(['nats-1', 'nats-2', 'nats-3']);
    expect(nodes.map((n) => n.svc.volumes?.find((v) => v.endsWith(':/data:rw') || v.endsWith(':/data'))?.split(':')[0])).toEqual(['nats-data', 'nats-2-data', 'nats-3-data']);
    // Only the first node's monitoring port is published, as before (127.0.0.1).
    expect(nodes.map((n) => (n.svc.ports ?? []).length)).toEqual([1, 0, 0]);
  });

  test('the cluster file speaks TLS to clients and on its routes, and routes to all three nodes', () => {
    const conf = readFileSync(join(repoRoot, 'deploy/nats/cluster.conf'), 'utf8');
    expect(conf).toMatch(/^tls \{\n {2}cert_file: \/tls\/nats\.crt/m);
    expect(conf).toMatch(/cluster \{[\s\S]*tls \{[\s\S]*routes: \[\s*nats-route:\/\/nats:6222\s*nats-route:\/\/nats-2:6222\s*nats-route:\/\/nats-3:6222\s*\]/);
    expect(conf).toContain('include ./nats-users.conf');
    expect(readFileSync(join(repoRoot, 'deploy/tls/generate.sh'), 'utf8')).toMatch(/^server nats nats nats-2 nats-3 localhost$/m);
  });

  test.each(['gateway', 'identity', 'tenant-data', 'billing-integration', 'privacy', 'helpdesk'])('%s connects to all three nodes over TLS and keeps three copies', (name) => {
    const svc = services[name]!;
    expect(svc.environment).toMatchObject({ NATS_URL: 'tls://nats:4222,tls://nats-2:4222,tls://nats-3:4222', NATS_REPLICAS: '3', NATS_TLS_CA_FILE: '/tls/ca.crt', NODE_ENV: 'production' });
    for (const node of ['nats', 'nats-2', 'nats-3']) expect([name, node, svc.depends_on?.[node]]).toEqual([name, node, { condition: 'service_healthy' }]);
  });
});
