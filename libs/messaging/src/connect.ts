import { connect, type NatsConnection } from '@nats-io/transport-node';
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
  /** TLS to the server; absent: from NATS_TLS_CA_FILE / NATS_TLS_CERT_FILE / NATS_TLS_KEY_FILE (natsTlsFromEnv). */
  tls?: TlsOptions;
}

/**
 * Connects to NATS and keeps reconnecting forever, so that an outage of the server is survived
 * and in-flight work resumes once it is back. Only the first connect can fail.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const nc = await connect({
    servers: options.url.split(',').map((s) => s.trim()),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectTimeWaitMs ?? 1000,
    ...tlsOption(options.tls ?? natsTlsFromEnv(process.env)),
  });
  if (options.logger) watchStatus(nc, options.logger, options.name);
  return nc;
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
