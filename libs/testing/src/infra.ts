/** Postgres and NATS servers for a test run. */
export interface TestInfra {
  /** A server URL; use createDatabase() for a database of the test's own. */
  databaseUrl: string;
  natsUrl: string;
  /** Stops containers this call started; nothing to do for servers from the environment. */
  stop(): Promise<void>;
}

export interface TestInfraOptions {
  env?: NodeJS.ProcessEnv;
  /** Whether a container engine answers; by default testcontainers is asked. */
  dockerAnswers?: () => Promise<boolean>;
}

const NO_DATABASE =
  'DATABASE_URL is not set and no Docker engine answers: run `npm test`, which starts an embedded Postgres, or set DATABASE_URL';
const NO_NATS = 'NATS_URL is not set and no Docker engine answers: run `npm test`, which starts a nats-server, or set NATS_URL';

/**
 * The servers tests run against: DATABASE_URL and NATS_URL from the environment (what `npm test`
 * and CI provide); else containers when a Docker engine answers; else an error saying what is
 * missing. Containers are started once per test file and removed when the process ends.
 */
export async function testInfra(options: TestInfraOptions = {}): Promise<TestInfra> {
  const env = options.env ?? process.env;
  const databaseUrl = env.DATABASE_URL || undefined;
  const natsUrl = env.NATS_URL || undefined;
  if (databaseUrl && natsUrl) return { databaseUrl, natsUrl, stop: async () => undefined };

  if (!(await (options.dockerAnswers ?? dockerAnswers)())) {
    throw new Error([databaseUrl ? undefined : NO_DATABASE, natsUrl ? undefined : NO_NATS].filter(Boolean).join('\n'));
  }
  containers ??= startContainers({ postgres: !databaseUrl, nats: !natsUrl }).catch((err: unknown) => {
    containers = undefined;
    throw err;
  });
  const started = await containers;
  return {
    databaseUrl: databaseUrl ?? started.databaseUrl ?? '',
    natsUrl: natsUrl ?? started.natsUrl ?? '',
    stop: async () => {
      containers = undefined;
      await started.stop();
    },
  };
}

interface StartedContainers {
  databaseUrl?: string;
  natsUrl?: string;
  stop(): Promise<void>;
}

let containers: Promise<StartedContainers> | undefined;

async function startContainers(wanted: { postgres: boolean; nats: boolean }): Promise<StartedContainers> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const [postgres, nats] = await Promise.all([
    wanted.postgres ? new PostgreSqlContainer('postgres:17-alpine').start() : undefined,
    wanted.nats
      ? new GenericContainer('nats:2.10')
          .withCommand(['-js'])
          .withExposedPorts(4222)
          .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
          .start()
      : undefined,
  ]);
  return {
    databaseUrl: postgres?.getConnectionUri(),
    natsUrl: nats ? `nats://${nats.getHost()}:${nats.getMappedPort(4222)}` : undefined,
    stop: async () => {
      await Promise.all([postgres?.stop(), nats?.stop()]);
    },
  };
}

/** testcontainers gives up within milliseconds when no engine answers, so this is cheap to ask. */
export async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
