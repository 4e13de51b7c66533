// `npm start`: installs when needed, re-runs itself on the project's Node (project-node.mjs) and
// says which, builds when needed (the web app too), provides Postgres and NATS (see
// local-infra.mjs), starts the development OIDC issuer, the FactuurSturen simulator, privacy,
// tenant-data, identity, billing-integration, the helpdesk and the gateway (which serves the web app at /) one
// after the other, each once the previous answers, seeds the demo institute and two support users,
// and prints how to try it, the web address first.
// Ctrl+C (or SIGTERM) stops the services in reverse order, then Postgres and NATS.
//
// Environment: GATEWAY_PORT (3000), DEV_ISSUER_PORT (3001), TENANT_DATA_PORT (3010),
// IDENTITY_PORT (3020), BILLING_INTEGRATION_PORT (3030), PRIVACY_PORT (3040), HELPDESK_PORT (3060),
// FACTUURSTUREN_SIMULATOR_PORT (3002), MAIL_CATCHER_PORT (3003, its web view and JSON API),
// MAIL_CATCHER_SMTP_PORT (1025), HOMI_START_TIMEOUT_MS (60000, per service), and
// those of local-infra.mjs. Each service's Prometheus metrics are on its port + 1000.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureInstall } from './ensure-install.mjs';
import { InfraError, SERVICE_NODE_FLAGS, assertPortFree, describeError, errorCode, maskUrl, messageOf, npx, portFrom, repoRoot, runCommand, say, sleep } from './common.mjs';
import { startChild } from './child-process.mjs';
import { useProjectNode } from './project-node.mjs';

/**
 * A process `npm start` runs, and the address that answers once it is ready.
 * @typedef {object} Service
 * @property {string} name
 * @property {string} script relative to the repository
 * @property {Record<string, string>} env added to this process's environment
 * @property {string} ready
 * @property {number} [readyStatus] the status `ready` answers with when the service is up (200)
 */

const log = (/** @type {string} */ m) => say('start', m);
const env = process.env;


async function main() {
  ensureInstall();
  await useProjectNode('start');
  const ports = {
    gateway: portFrom(env.GATEWAY_PORT, 3000, 'GATEWAY_PORT'),
    issuer: portFrom(env.DEV_ISSUER_PORT, 3001, 'DEV_ISSUER_PORT'),
    tenantData: portFrom(env.TENANT_DATA_PORT, 3010, 'TENANT_DATA_PORT'),
    identity: portFrom(env.IDENTITY_PORT, 3020, 'IDENTITY_PORT'),
    privacy: portFrom(env.PRIVACY_PORT, 3040, 'PRIVACY_PORT'),
    billing: portFrom(env.BILLING_INTEGRATION_PORT, 3030, 'BILLING_INTEGRATION_PORT'),
    helpdesk: portFrom(env.HELPDESK_PORT, 3060, 'HELPDESK_PORT'),
    simulator: portFrom(env.FACTUURSTUREN_SIMULATOR_PORT, 3002, 'FACTUURSTUREN_SIMULATOR_PORT'),
    mailWeb: portFrom(env.MAIL_CATCHER_PORT, 3003, 'MAIL_CATCHER_PORT'),
    mailSmtp: portFrom(env.MAIL_CATCHER_SMTP_PORT, 1025, 'MAIL_CATCHER_SMTP_PORT'),
  };
  const timeoutMs = Number(env.HOMI_START_TIMEOUT_MS) || 60_000;
  /** @type {[number, string][]} */
  const portVariables = [
    [ports.issuer, 'DEV_ISSUER_PORT'],
    [ports.tenantData, 'TENANT_DATA_PORT'],
    [ports.identity, 'IDENTITY_PORT'],
    [ports.privacy, 'PRIVACY_PORT'],
    [ports.billing, 'BILLING_INTEGRATION_PORT'],
    [ports.helpdesk, 'HELPDESK_PORT'],
    [ports.simulator, 'FACTUURSTUREN_SIMULATOR_PORT'],
    [ports.mailWeb, 'MAIL_CATCHER_PORT'],
    [ports.mailSmtp, 'MAIL_CATCHER_SMTP_PORT'],
    [ports.gateway, 'GATEWAY_PORT'],
  ];
  for (const [port, variable] of portVariables) {
    await assertPortFree(port, variable);
  }

  const built = await runCommand(npx, ['turbo', 'run', 'build']);
  if (built !== 0) fail(`the build failed (exit code ${built}); nothing was started`, built);

  const { ensureInfra } = await import('./local-infra.mjs');
  const infra = await ensureInfra({ purpose: 'start' });
  /** @type {import('./child-process.mjs').Child[]} */
  const children = [];
  let stopping = false;
  /**
   * @param {number} code
   * @param {string} [why]
   */
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
  mkdirSync(home, { recursive: true });
  const demoFile = path.join(home, 'demo.json');
  const issuerBase = `http://localhost:${ports.issuer}`;
  const issuerUrl = `${issuerBase}/realms/homi`;
  // Each service signs its calls with a key of its own, made afresh for every start (ADR 38).
  const { generateKeys } = await import('./service-keys.mjs');
  const serviceKeys = await generateKeys('start');
  // Keys sealing data at rest, kept so a restart can still open it: the tenants' FactuurSturen API keys
  // (ADR 17) and the key-encryption key of the institutes' health data (ADR 50).
  const keptKey = (/** @type {string} */ name) => {
    const file = path.join(home, name);
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    return readFileSync(file, 'utf8').trim();
  };
  const billingKey = keptKey('billing-credentials-key');
  const healthDataKek = keptKey('health-data-kek');
  const adminSecret = randomBytes(24).toString('base64url');
  const local = (/** @type {number} */ port) => `http://127.0.0.1:${port}`;
  const common = { DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl, SERVICE_TRUSTED_KEYS: serviceKeys.trusted };
  /**
   * @param {string} name
   * @param {number} port
   * @param {Record<string, string>} [extra]
   * @returns {Service}
   */
  const service = (name, port, extra) => ({
    name,
    script: `services/${name}/dist/main.js`,
    env: { ...common, ...infra.natsCredentials[name], ...serviceKeys.signing[name], PORT: String(port), METRICS_PORT: String(port + 1000), ...extra },
    ready: `${local(port)}/readyz`,
  });
  /** @type {Service[]} */
  const services = [
    {
      name: 'issuer',
      script: 'libs/dev-issuer/dist/main.js',
      env: {
        DEV_ISSUER_PORT: String(ports.issuer),
        DEV_ISSUER_KEYS_FILE: path.join(home, 'issuer-keys.json'),
        DEV_ISSUER_STATE_FILE: path.join(home, 'issuer-users.json'),
        DEV_ISSUER_ADMIN_SECRET: adminSecret,
        // The web app signs in from the gateway's origin (and from vite's dev server, npm run dev -w @homi/web).
        DEV_ISSUER_WEB_ORIGINS: `http://localhost:${ports.gateway},http://localhost:5173`,
        // Sign-up's verification mail (Keycloak's send-verify-email) lands in the catcher below (ADR 51).
        DEV_ISSUER_SMTP_URL: `smtp://127.0.0.1:${ports.mailSmtp}`,
      },
      ready: `http://127.0.0.1:${ports.issuer}/realms/homi/.well-known/openid-configuration`,
    },
    {
      name: 'factuursturen-simulator',
      script: 'libs/factuursturen-simulator/dist/main.js',
      env: { FACTUURSTUREN_SIMULATOR_PORT: String(ports.simulator), FACTUURSTUREN_SIMULATOR_ACCOUNTS: 'demo:demo-api-key' },
      // Its API answers only with credentials: a 401 means it is up.
      ready: `${local(ports.simulator)}/api/v1/clients`,
      readyStatus: 401,
    },
    {
      // Development only: every mail the platform sends lands here (ADR 26).
      name: 'mail-catcher',
      script: 'libs/mail-catcher/dist/main.js',
      env: { MAIL_CATCHER_SMTP_PORT: String(ports.mailSmtp), MAIL_CATCHER_HTTP_PORT: String(ports.mailWeb) },
      ready: `${local(ports.mailWeb)}/api/messages`,
    },
    // Notices to requesters (ADR 51): the address from identity, the mail to the catcher.
    service('privacy', ports.privacy, {
      IDENTITY_URL: local(ports.identity),
      SMTP_URL: `smtp://127.0.0.1:${ports.mailSmtp}`,
      WEB_BASE_URL: `http://localhost:${ports.gateway}`,
    }),
    // Appointment confirmations and reminders (ADR 53) go to the catcher, with unsubscribe links to the web app.
    service('tenant-data', ports.tenantData, {
      PRIVACY_URL: local(ports.privacy),
      IDENTITY_URL: local(ports.identity),
      HEALTH_DATA_KEK: healthDataKek,
      SMTP_URL: `smtp://127.0.0.1:${ports.mailSmtp}`,
      WEB_BASE_URL: `http://localhost:${ports.gateway}`,
    }),
    service('identity', ports.identity, {
      PRIVACY_URL: local(ports.privacy),
      IDENTITY_PROVIDER: 'dev',
      DEV_ISSUER_URL: issuerBase,
      DEV_ISSUER_ADMIN_SECRET: adminSecret,
      SMTP_URL: `smtp://127.0.0.1:${ports.mailSmtp}`,
      WEB_BASE_URL: `http://localhost:${ports.gateway}`,
      // Support access cites a helpdesk ticket (ADR 43).
      HELPDESK_URL: local(ports.helpdesk),
    }),
    service('billing-integration', ports.billing, {
      PRIVACY_URL: local(ports.privacy),
      TENANT_DATA_URL: local(ports.tenantData),
      FACTUURSTUREN_URL: `${local(ports.simulator)}/api/v1/`,
      BILLING_CREDENTIALS_KEY: billingKey,
    }),
    // Tickets between institutes and HOMi support (ADR 41); reply notices go to the catcher (ADR 43).
    service('helpdesk', ports.helpdesk, {
      PRIVACY_URL: local(ports.privacy),
      IDENTITY_URL: local(ports.identity),
      SMTP_URL: `smtp://127.0.0.1:${ports.mailSmtp}`,
      WEB_BASE_URL: `http://localhost:${ports.gateway}`,
      HELPDESK_SUPPORT_MAIL: 'support@homi.local',
    }),
    service('gateway', ports.gateway, {
      OIDC_ISSUER_URL: issuerUrl,
      OIDC_AUDIENCE: 'homi-gateway',
      TENANT_DATA_URL: local(ports.tenantData),
      IDENTITY_URL: local(ports.identity),
      PRIVACY_URL: local(ports.privacy),
      BILLING_INTEGRATION_URL: local(ports.billing),
      HELPDESK_URL: local(ports.helpdesk),
    }),
  ];

  try {
    for (const service of services) {
      const script = path.join(repoRoot, service.script);
      if (!existsSync(script)) throw new InfraError(`${service.script} does not exist: the build did not produce ${service.name}`);
      log(`starting ${service.name}`);
      const child = startChild({
        name: service.name,
        args: [...SERVICE_NODE_FLAGS, '--import', pathToFileURL(path.join(repoRoot, 'scripts', 'stop-with-parent.mjs')).href, script],
        env: { ...env, ...service.env, HOMI_STOP_WITH_PARENT: '1' },
      });
      children.push(child);
      child.exited.then(({ code, signal }) => shutdown(1, `${service.name} exited (code ${code}, signal ${signal}); stopping everything`));
      await waitUntilReady(service, child, timeoutMs);
      log(`${service.name} is ready`);
    }

    const seed = startChild({
      name: 'seed',
      args: [path.join(repoRoot, 'scripts', 'seed-dev.mjs')],
      env: {
        ...env, GATEWAY_URL: local(ports.gateway), ISSUER_URL: issuerUrl, ISSUER_BASE_URL: issuerBase, DEV_ISSUER_ADMIN_SECRET: adminSecret, DEMO_FILE: demoFile,
        MAIL_CATCHER_URL: local(ports.mailWeb),
      },
    });
    const { code } = await seed.exited;
    if (code !== 0) throw new InfraError(`seeding the demo institute failed (exit code ${code})`);
  } catch (err) {
    await shutdown(1, describeError(err));
    return; // shutdown() is already under way
  }

  printWelcome({ ports, issuerUrl, demo: JSON.parse(readFileSync(demoFile, 'utf8')), infra, demoFile });
}

/**
 * Resolves when `service.ready` answers 200; fails if the process exits or time runs out first.
 * @param {Service} service
 * @param {import('./child-process.mjs').Child} child
 * @param {number} timeoutMs
 */
async function waitUntilReady(service, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  child.exited.then(() => (gone = true));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (gone) throw new InfraError(`${service.name} exited before it was ready`);
    try {
      const response = await fetch(service.ready, { signal: AbortSignal.timeout(2000) });
      if (response.status === (service.readyStatus ?? 200)) return;
      last = `${response.status} from ${service.ready}`;
    } catch (err) {
      last = errorCode(err instanceof Error ? err.cause : undefined) ?? messageOf(err);
    }
    await sleep(250);
  }
  throw new InfraError(`${service.name} was not ready within ${timeoutMs} ms (${last}); raise HOMI_START_TIMEOUT_MS if it is just slow`);
}

/**
 * @param {object} what
 * @param {Record<'gateway' | 'simulator' | 'mailWeb' | 'mailSmtp', number>} what.ports
 * @param {string} what.issuerUrl
 * @param {import('./seed-dev.mjs').Demo} what.demo
 * @param {import('./local-infra.mjs').Infra} what.infra
 * @param {string} what.demoFile
 */
function printWelcome({ ports, issuerUrl, demo, infra, demoFile }) {
  const gateway = `http://localhost:${ports.gateway}`;
  const { owner, staff, tenantId, support = [] } = demo;
  const firstSupport = support[0];
  /**
   * @param {{ email: string, password: string }} who
   * @param {string} [extra]
   */
  const token = (who, extra = '') =>
    `  TOKEN=$(curl -s ${issuerUrl}/protocol/openid-connect/token -d client_id=homi-cli -d grant_type=password \\\n` +
    `    -d username=${who.email} -d password=${who.password}${extra} | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`;
  const lines = [
    '',
    `HOMi is running: open ${gateway} in your browser and sign in as the demo owner (below).`,
    '',
    `  web app     ${gateway}`,
    `  gateway     ${gateway}/api/v1`,
    `  API docs    ${gateway}/api/v1/docs`,
    `  OpenAPI     ${gateway}/api/v1/openapi.json`,
    `  issuer      ${issuerUrl}`,
    `  FactuurSturen simulator  http://localhost:${ports.simulator}/api/v1/   (account demo, API key demo-api-key)`,
    `  mail catcher  http://localhost:${ports.mailWeb}   (every mail the platform sends; SMTP on ${ports.mailSmtp}; development only)`,
    `  Postgres    ${maskUrl(infra.databaseUrl)}`,
    `  NATS        ${maskUrl(infra.natsUrl)}`,
    '',
    `Demo institute ${tenantId} (Demo Salon), kept in ${path.relative(repoRoot, demoFile)}:`,
    `  owner  ${owner.email.padEnd(30)} password ${owner.password}   (signs in at ${gateway})`,
    `  staff  ${staff.email.padEnd(30)} password ${staff.password}   (clients:view, agenda:view)`,
    ...support.map((s) => `  support ${s.email.padEnd(29)} password ${s.password}   TOTP secret ${s.totpSecret}`),
    '',
    'Try it (as the owner):',
    `  TOKEN=$(curl -s ${issuerUrl}/protocol/openid-connect/token -d client_id=homi-cli -d grant_type=password \\`,
    `    -d username=${owner.email} -d password=${owner.password} | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `  curl -s ${gateway}/api/v1/me -H "Authorization: Bearer $TOKEN"`,
    `  curl -s -X POST ${gateway}/api/v1/tenants/${tenantId}/clients -H "Authorization: Bearer $TOKEN" \\`,
    `    -H 'Content-Type: application/json' -d '{"name":"Anna de Vries","email":"anna@example.nl","phone":"+31612345678"}'`,
    `  curl -s ${gateway}/api/v1/tenants/${tenantId}/clients -H "Authorization: Bearer $TOKEN"`,
    '',
    'Invoice through FactuurSturen (the simulator), as the owner:',
    `  curl -s -X PUT ${gateway}/api/v1/tenants/${tenantId}/integrations/factuursturen -H "Authorization: Bearer $TOKEN" \\`,
    `    -H 'Content-Type: application/json' -d '{"username":"demo","apiKey":"demo-api-key","shareClientData":true}'`,
    `  curl -s -X POST ${gateway}/api/v1/tenants/${tenantId}/invoices -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '{"clientId":"<a client id>","lines":[{"description":"Pedicure","quantity":1,"unitPriceCents":4500,"taxRate":21}]}'`,
    '',
    'Ask HOMi support for help (a ticket; replies land in the mail catcher), as the owner:',
    `  curl -s -X POST ${gateway}/api/v1/tenants/${tenantId}/tickets -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '{"subject":"Vraag over de agenda","category":"question","message":"Hoe verplaats ik een afspraak?"}'`,
    '',
    ...(firstSupport
      ? [
          'Support access cites an open ticket of the institute (a support user logs in with a one-time code: node scripts/totp.mjs <TOTP secret>):',
          token(firstSupport, ` -d totp=$(node scripts/totp.mjs ${firstSupport.totpSecret})`),
          `  curl -s ${gateway}/api/v1/support/tickets -H "Authorization: Bearer $TOKEN"`,
          `  curl -s -X POST ${gateway}/api/v1/support/access-requests -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
          `    -d '{"tenantId":"${tenantId}","reason":"customer_initiated","ticketId":"<ticket id>","modules":["clients"],"durationMinutes":30}'`,
          `  then, as the owner: GET /api/v1/tenants/${tenantId}/support-access, POST …/support-access/<id>/approve, …/revoke; GET /api/v1/tenants/${tenantId}/audit-log`,
          '',
        ]
      : []),
    'Or sign up an institute of your own: POST /api/v1/signup (see the API docs).',
    'Ctrl+C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message, code = 1) {
  log(message);
  process.exit(code);
}

main().catch((err) => fail(describeError(err)));
