import type { Server } from 'node:http';
import type { Logger } from './logger';
import type { HealthState } from './http/health';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

export interface GracefulShutdownOptions {
  logger: Logger;
  server?: Server;
  health?: HealthState;
  /** Run in order after the server stops accepting: consumers, relay, NATS drain, ORM close. */
  steps: ShutdownStep[];
  timeoutMs: number;
  exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: report not-ready, stop accepting connections, let in-flight requests finish,
 * then run each step. If it takes longer than the timeout the process exits non-zero.
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): () => Promise<void> {
  const { logger, server, health, steps, timeoutMs, exit = (code) => process.exit(code) } = options;
  let started: Promise<void> | undefined;
  const shutdown = () => {
    started ??= (async () => {
      logger.info('shutting down');
      if (health) health.accepting = false;
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out');
        exit(1);
      }, timeoutMs);
      timer.unref();
      if (server) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
      }
      let failed = false;
      for (const step of steps) {
        try {
          await step.run();
        } catch (err) {
          failed = true;
          logger.error({ err, step: step.name }, 'shutdown step failed');
        }
      }
      clearTimeout(timer);
      logger.info('stopped');
      exit(failed ? 1 : 0);
    })();
    return started;
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return shutdown;
}

interface Stoppable {
  stop(): Promise<unknown>;
}

/** What a service on the bus with its own database stops last. */
export interface BusAndDatabase {
  consumers: Stoppable[];
  relay: Stoppable;
  nc: { drain(): Promise<unknown> };
  orm: { close(): Promise<unknown> };
}

/** The closing steps, in this order: consumers stop taking work, the outbox relay stops, NATS drains, the database closes. */
export function busAndDatabaseSteps(service: BusAndDatabase): ShutdownStep[] {
  return [
    { name: 'consumers', run: () => Promise.all(service.consumers.map((c) => c.stop())) },
    { name: 'outbox relay', run: () => service.relay.stop() },
    { name: 'nats', run: () => service.nc.drain() },
    { name: 'database', run: () => service.orm.close() },
  ];
}
