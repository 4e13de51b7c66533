// `npm start`: installs and builds when needed, provides Postgres and NATS (see
// local-infra.mjs), starts the development OIDC issuer, tenant-data and the gateway one after
// the other, each once the previous answers, seeds the demo institute, and prints how to try it.
// Ctrl+C (or SIGTERM) stops the services in reverse order, then Postgres and NATS.
//
// Environment: GATEWAY_PORT (3000), DEV_ISSUER_PORT (3001), TENANT_DATA_PORT (3010),
// HOMI_START_TIMEOUT_MS (60000, per service), and those of local-infra.mjs.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureInstall } from './ensure-install.mjs';
import { InfraError, assertPortFree, maskUrl, npx, portFrom, repoRoot, runCommand, say, sleep } from './common.mjs';
import { startChild } from './child-process.mjs';

const log = (m) => say('start', m);
const env = process.env;

const DEMO_TENANT = { id: 'ten_demo0000000000000000', name: 'Demo Salon' };
const MODULES = ['agenda', 'clients', 'invoicing', 'reports', 'settings', 'users'];
const permissions = (granted) => Object.fromEntries(MODULES.map((m) => [m, granted[m] ?? 'none']));

async function main() {
  const ports = {
    gateway: portFrom(env.GATEWAY_PORT, 3000, 'GATEWAY_PORT'),
    issuer: portFrom(env.DEV_ISSUER_PORT, 3001, 'DEV_ISSUER_PORT'),
    tenantData: portFrom(env.TENANT_DATA_PORT, 3010, 'TENANT_DATA_PORT'),
  };
  const timeoutMs = Number(env.HOMI_START_TIMEOUT_MS) || 60_000;
  for (const [port, variable] of [
    [ports.issuer, 'DEV_ISSUER_PORT'],
    [ports.tenantData, 'TENANT_DATA_PORT'],
    [ports.gateway, 'GATEWAY_PORT'],
  ]) {
    await assertPortFree(port, variable);
  }

  ensureInstall();
  const built = await runCommand(npx, ['turbo', 'run', 'build']);
  if (built !== 0) fail(`the build failed (exit code ${built}); nothing was started`, built);

  const { ensureInfra } = await import('./local-infra.mjs');
  const infra = await ensureInfra({ purpose: 'start' });
  const children = [];
  let stopping = false;
  const shutdown = async (code, why) => {
    if (stopping) return;
    stopping = true;
    if (why) log(why);
    log('stopping');
    for (const child of children.reverse()) await child.stop();
    await infra.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(0, `${signal} received`));
  infra.exited.then((message) => shutdown(1, `${message}; stopping everything`));

  const home = path.join(repoRoot, '.homi', 'start');
  const usersFile = path.join(home, 'dev-users.json');
  const users = demoUsers(usersFile);
  const issuerUrl = `http://localhost:${ports.issuer}/realms/homi`;
  const internalSecret = randomBytes(32).toString('base64url');
  const services = [
    {
      name: 'issuer',
      script: 'libs/dev-issuer/dist/main.js',
      env: {
        DEV_ISSUER_PORT: String(ports.issuer),
        DEV_ISSUER_KEYS_FILE: path.join(home, 'issuer-keys.json'),
        DEV_ISSUER_USERS_FILE: usersFile,
        DEV_ISSUER_ADMIN_SECRET: randomBytes(24).toString('base64url'),
      },
      ready: `http://127.0.0.1:${ports.issuer}/realms/homi/.well-known/openid-configuration`,
    },
    {
      name: 'tenant-data',
      script: 'services/tenant-data/dist/main.js',
      env: { PORT: String(ports.tenantData), DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl, INTERNAL_AUTH_SECRET: internalSecret },
      ready: `http://127.0.0.1:${ports.tenantData}/readyz`,
    },
    {
      name: 'gateway',
      script: 'services/gateway/dist/main.js',
      env: {
        PORT: String(ports.gateway),
        DATABASE_URL: infra.databaseUrl,
        NATS_URL: infra.natsUrl,
        OIDC_ISSUER_URL: issuerUrl,
        OIDC_AUDIENCE: 'homi-gateway',
        TENANT_DATA_URL: `http://127.0.0.1:${ports.tenantData}`,
        INTERNAL_AUTH_SECRET: internalSecret,
      },
      ready: `http://127.0.0.1:${ports.gateway}/readyz`,
    },
  ];

  try {
    for (const service of services) {
      const script = path.join(repoRoot, service.script);
      if (!existsSync(script)) throw new InfraError(`${service.script} does not exist: the build did not produce ${service.name}`);
      log(`starting ${service.name}`);
      const child = startChild({
        name: service.name,
        args: ['--import', pathToFileURL(path.join(repoRoot, 'scripts', 'stop-with-parent.mjs')).href, script],
        env: { ...env, ...service.env, HOMI_STOP_WITH_PARENT: '1' },
      });
      children.push(child);
      child.exited.then(({ code, signal }) => shutdown(1, `${service.name} exited (code ${code}, signal ${signal}); stopping everything`));
      await waitUntilReady(service, child, timeoutMs);
      log(`${service.name} is ready`);
    }

    const seedArgs = [path.join(repoRoot, 'scripts', 'seed-dev.mjs'), usersFile];
    const seed = startChild({ name: 'seed', args: seedArgs, env: { ...env, NATS_URL: infra.natsUrl } });
    const { code } = await seed.exited;
    if (code !== 0) throw new InfraError(`seeding the demo data failed (exit code ${code})`);
  } catch (err) {
    await shutdown(1, err instanceof InfraError ? err.message : err.stack);
    return; // shutdown() is already under way
  }

  printWelcome({ ports, issuerUrl, users, infra, usersFile });
}

/** Resolves when `service.ready` answers 200; fails if the process exits or time runs out first. */
async function waitUntilReady(service, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  child.exited.then(() => (gone = true));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (gone) throw new InfraError(`${service.name} exited before it was ready`);
    try {
      const response = await fetch(service.ready, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `${response.status} from ${service.ready}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(250);
  }
  throw new InfraError(`${service.name} was not ready within ${timeoutMs} ms (${last}); raise HOMI_START_TIMEOUT_MS if it is just slow`);
}

/**
 * The demo users, written on first start with random passwords and fixed ids. The issuer reads
 * the file (id, email, password, name); the seed reads `membership`.
 */
function demoUsers(file) {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const password = () => randomBytes(12).toString('base64url');
  const tenant = { tenantId: DEMO_TENANT.id, tenantName: DEMO_TENANT.name };
  const users = [
    {
      id: 'usr_demoowner00000000000',
      email: 'owner@demo.homi.test',
      password: password(),
      name: 'Olga Owner',
      membership: { ...tenant, role: 'owner', permissions: permissions(Object.fromEntries(MODULES.map((m) => [m, 'edit']))) },
    },
    {
      id: 'usr_demostaff00000000000',
      email: 'staff@demo.homi.test',
      password: password(),
      name: 'Sam Staff',
      membership: { ...tenant, role: 'staff', permissions: permissions({ clients: 'view', agenda: 'view' }) },
    },
  ];
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(users, null, 2) + '\n', { mode: 0o600 });
  log(`wrote the demo users to ${path.relative(repoRoot, file)}`);
  return users;
}

function printWelcome({ ports, issuerUrl, users, infra, usersFile }) {
  const gateway = `http://localhost:${ports.gateway}`;
  const owner = users.find((u) => u.membership?.role === 'owner') ?? users[0];
  const tenantId = owner.membership?.tenantId ?? DEMO_TENANT.id;
  const lines = [
    '',
    'HOMi is running.',
    `  gateway     ${gateway}`,
    `  API docs    ${gateway}/api/v1/docs`,
    `  OpenAPI     ${gateway}/api/v1/openapi.json`,
    `  issuer      ${issuerUrl}`,
    `  Postgres    ${maskUrl(infra.databaseUrl)}`,
    `  NATS        ${maskUrl(infra.natsUrl)}`,
    '',
    `Demo institute ${tenantId} (${owner.membership?.tenantName ?? DEMO_TENANT.name}); users kept in ${path.relative(repoRoot, usersFile)}:`,
    ...users.map((u) => `  ${(u.membership?.role ?? '').padEnd(6)} ${u.email.padEnd(22)} password ${u.password}`),
    '',
    'Try it (as the owner):',
    `  TOKEN=$(curl -s ${issuerUrl}/protocol/openid-connect/token -d client_id=homi-cli -d grant_type=password \\`,
    `    -d username=${owner.email} -d password=${owner.password} | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `  curl -s -X POST ${gateway}/api/v1/tenants/${tenantId}/clients -H "Authorization: Bearer $TOKEN" \\`,
    `    -H 'Content-Type: application/json' -d '{"name":"Anna de Vries","email":"anna@example.nl","phone":"+31612345678"}'`,
    `  curl -s ${gateway}/api/v1/tenants/${tenantId}/clients -H "Authorization: Bearer $TOKEN"`,
    '',
    'Ctrl+C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

function fail(message, code = 1) {
  log(message);
  process.exit(code);
}

main().catch((err) => fail(err instanceof InfraError ? err.message : err.stack));
