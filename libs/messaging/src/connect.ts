import { connect, type NatsConnection } from '@nats-io/transport-node';
import { errorFields, type Logger } from './logger';

export interface ConnectNatsOptions {
  url: string;
  /** Shows in the server's connection list (`nats server report connections`). */
  name: string;
  logger?: Logger;
  /** Wait between reconnect attempts; defaults to 1 s. */
  reconnectTimeWaitMs?: number;
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
  });
  if (options.logger) watchStatus(nc, options.logger, options.name);
  return nc;
}

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
