import { connect, type NatsConnection } from '@nats-io/transport-node';
import { withTimeout } from '@homi/service-kit';
import { inboxPrefixOf } from '@homi/contracts';
import type { TlsOptions } from '@nats-io/nats-core';
import { errorFields, type Logger } from './logger';
import { natsTlsFromEnv } from './tls';

export interface ConnectNatsOptions {
  url: string;
  /** Shows in the server's connection list (`nats server report connections`). */
  name: string;
  logger?: Logger;
  /** Wait between reconnect attempts; defaults to 1 s. */
  reconnectTimeWaitMs?: number;
  /** The service's own NATS user (ADR 37); none for a server without authorization (CI's, the tests'). */
  credentials?: NatsCredentials;
  /** TLS to the server; absent: from NATS_TLS_CA_FILE / NATS_TLS_CERT_FILE / NATS_TLS_KEY_FILE (natsTlsFromEnv). */
  tls?: TlsOptions;
}

export interface NatsCredentials {
  user: string;
  password: string;
}

/**
 * The credentials NATS_USER and NATS_PASSWORD name, or undefined when neither is set. One without
 * the other is a configuration error, not a silent anonymous connection.
 */
export function natsCredentials(env: { NATS_USER?: string; NATS_PASSWORD?: string }): NatsCredentials | undefined {
  const user = env.NATS_USER || undefined;
  const password = env.NATS_PASSWORD || undefined;
  if (!user && !password) return undefined;
  if (!user || !password) throw new Error('NATS_USER and NATS_PASSWORD are set together or not at all');
  return { user, password };
}

/**
 * Connects to NATS and keeps reconnecting forever, so that an outage of the server is survived
 * and in-flight work resumes once it is back. Only the first connect can fail.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const { servers, fromUrl } = serversOf(options.url);
  const credentials = options.credentials ?? fromUrl;
  const nc = await connect({
    servers,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectTimeWaitMs ?? 1000,
    // Otherwise every request (each publish awaiting its PubAck) builds an Error up front for the
    // stack it would show on a timeout: a tenth of the relay's CPU (ADR 48).
    noAsyncTraces: true,
    // Replies come to an inbox only this user may subscribe to (its permissions allow no other).
    ...(credentials ? { user: credentials.user, pass: credentials.password, inboxPrefix: inboxPrefixOf(credentials.user) } : {}),
    ...tlsOption(options.tls ?? natsTlsFromEnv(process.env)),
  });
  if (options.logger) watchStatus(nc, options.logger, options.name);
  return nc;
}

/** The servers of a comma-separated NATS URL, and the user and password the first one carries (`nats://user:pass@host`), if any. */
function serversOf(url: string): { servers: string[]; fromUrl?: NatsCredentials } {
  const servers = url.split(',').map((s) => s.trim());
  let fromUrl: NatsCredentials | undefined;
  const plain = servers.map((server) => {
    const parsed = URL.canParse(server) ? new URL(server) : undefined;
    if (!parsed?.username) return server;
    fromUrl ??= { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
    return `${parsed.protocol}//${parsed.host}`;
  });
  return { servers: plain, fromUrl };
}

const tlsOption = (tls: TlsOptions | undefined) => (tls ? { tls } : {});

function watchStatus(nc: NatsConnection, logger: Logger, name: string): void {
  void (async () => {
    for await (const s of nc.status()) {
      switch (s.type) {
        case 'disconnect':
          logger.warn({ nats: name, server: s.server }, 'nats disconnected');
          break;
        case 'reconnect':
          logger.info({ nats: name, server: s.server }, 'nats reconnected');
          break;
        case 'error':
          logger.error({ nats: name, ...errorFields(s.error) }, 'nats error');
          break;
        default:
          break;
      }
    }
  })();
}

/**
 * The readiness check of a NATS connection: false the moment the client sees its connection drop
 * (it would otherwise wait for the flush below to time out), true again once it reconnected and a
 * round trip to the server answers.
 */
export function natsReadiness(nc: NatsConnection): () => Promise<void> {
  let connected = true;
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') connected = false;
      else if (status.type === 'reconnect') connected = true;
    }
  })();
  return async () => {
    if (nc.isClosed()) throw new Error('NATS connection closed');
    if (!connected) throw new Error('NATS connection lost; reconnecting');
    // A round trip; on a connection that dropped unseen, flush waits for the reconnect: give up after a second.
    await withTimeout(nc.flush(), 1_000);
  };
}
