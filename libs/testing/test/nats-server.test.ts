import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, natsServerProcess, NatsServerExited, retryingExitedServers } from '../src/nats-server';
import { freePort } from '../src/service-process';

const binary = findNatsServer();
const withServer = binary ? describe : describe.skip;

withServer('a nats-server whose port was taken after it was chosen', () => {
  let holder: Server;
  let dir: string;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    dir = mkdtempSync(join(tmpdir(), 'homi-nats-test-'));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails its start at once with what the server said, not after the listening wait', async () => {
    const port = await freePort();
    const { port: taken } = holder.address() as { port: number };
    const file = join(dir, 'monitor-taken.conf');
    writeFileSync(file, `listen: 127.0.0.1:${port}\nhttp: 127.0.0.1:${taken}\n`);
    const server = natsServerProcess(binary!, ['-c', file], port);
    const failure = await server.start().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(NatsServerExited);
    expect((failure as NatsServerExited).message).toContain('address already in use');
    expect(server.running()).toBe(false);
    await server.stop();
  });
});

describe('retryingExitedServers', () => {
  it('starts again on an exited server, up to three times in all', async () => {
    let attempts = 0;
    const started = await retryingExitedServers(async () => {
      attempts += 1;
      if (attempts < 3) throw new NatsServerExited(4222, 'bind: address already in use');
      return 'listening';
    });
    expect([started, attempts]).toEqual(['listening', 3]);

    attempts = 0;
    const exhausted = await retryingExitedServers(async () => {
      attempts += 1;
      throw new NatsServerExited(4222, 'bind: address already in use');
    }).catch((err: unknown) => err);
    expect(exhausted).toBeInstanceOf(NatsServerExited);
    expect(attempts).toBe(3);
  });

  it('does not retry any other failure', async () => {
    let attempts = 0;
    const failure = await retryingExitedServers(async () => {
      attempts += 1;
      throw new Error('nats-server is not on PATH');
    }).catch((err: unknown) => err);
    expect((failure as Error).message).toBe('nats-server is not on PATH');
    expect(attempts).toBe(1);
  });
});
