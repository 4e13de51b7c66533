import { createHash } from 'node:crypto';
import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '@homi/service-kit';
import { callerSent } from './support/caller';
import { startHarness, type Harness } from './support/harness';

const MB = 1024 * 1024;
/**
 * The longest silence of the privacy service the gateway waits out. Not shorter: on a loaded 2-core
 * CI machine an event-loop stall of half a second cut a healthy download here.
 */
const UPSTREAM_TIMEOUT_MS = 1500;

const opened: IncomingMessage[] = [];

/** A GET read by hand, so the test sees each chunk when it arrives (supertest would wait for the end). */
function get(url: string, auth: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: auth } }, (res) => {
        opened.push(res);
        resolve(res);
      })
      .on('error', reject);
  });
}

/** Writes `chunk` `times` times, honouring backpressure; `written` counts what the service has handed to its response. */
async function writeChunks(res: ServerResponse, chunk: Buffer, times: number, progress: { written: number }, between?: () => Promise<unknown>) {
  for (let i = 0; i < times; i++) {
    progress.written += chunk.length;
    if (!res.write(chunk)) await once(res, 'drain');
    await between?.();
  }
}

describe('downloading an access package through the gateway', () => {
  let h: Harness;
  let auth: string;
  const userId = newId('usr');
  const id = newId('dsr');
  const exportUrl = () => `${h.url}/api/v1/privacy/requests/${id}/export`;
  const zipHeaders = {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="homi-export-${id}.zip"`,
    'cache-control': 'no-store',
    'x-internal-detail': 'must-not-leak',
  };

  beforeAll(async () => {
    h = await startHarness({ upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS });
    auth = `Bearer ${await h.issuer.token(userId)}`;
  });
  afterAll(() => h.stop());
  afterEach(() => {
    h.privacy.respondWith(undefined);
    // A failed test must not leave a download open: the gateway's server would wait for it on stop.
    for (const res of opened.splice(0)) res.destroy();
  });

  it('hands the first bytes to the client while the privacy service is still writing, with the file headers', async () => {
    const chunk = Buffer.alloc(256 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) % 251;
    const chunks = 24; // 6 MB
    const progress = { written: 0 };
    let finished = false;
    let clientHasBytes!: () => void;
    const firstBytesSeen = new Promise<void>((resolve) => (clientHasBytes = resolve));
    h.privacy.respondWith((_req, res) => {
      res.writeHead(200, zipHeaders);
      void (async () => {
        // Slowly, and after the first chunk not on until the client has bytes (or 5 s passed): a
        // gateway that held the answer back would make the client see its first byte only after the end.
        await writeChunks(res, chunk, 1, progress);
        await Promise.race([firstBytesSeen, sleep(5_000, undefined, { ref: false })]);
        await writeChunks(res, chunk, chunks - 1, progress, () => sleep(10));
        finished = true;
        res.end();
      })();
    });

    const res = await get(exportUrl(), auth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="homi-export-${id}.zip"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-internal-detail']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');

    const hash = createHash('sha256');
    let received = 0;
    let atFirstBytes: { written: number; finished: boolean } | undefined;
    res.on('data', (data: Buffer) => {
      atFirstBytes ??= { written: progress.written, finished };
      clientHasBytes();
      received += data.length;
      hash.update(data);
    });
    await once(res, 'end');

    expect(atFirstBytes).toEqual({ written: chunk.length, finished: false });
    expect(received).toBe(chunks * chunk.length);
    const expected = createHash('sha256');
    for (let i = 0; i < chunks; i++) expected.update(chunk);
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
    const caller = await callerSent(h.privacy.received.at(-1), 'privacy');
    expect(caller).toMatchObject({ userId });
    expect(caller.tenantId).toBeUndefined();
  });

  it('holds no more than socket buffers of a package its client is not reading, and waits for that client', async () => {
    const chunk = Buffer.alloc(MB, 7);
    const total = 64;
    const progress = { written: 0 };
    h.privacy.respondWith((_req, res) => {
      res.writeHead(200, zipHeaders);
      void writeChunks(res, chunk, total, progress).then(() => res.end());
    });

    const res = await get(exportUrl(), auth);
    // Longer than the gateway waits for a silent service: a client that stalls is not a service that does.
    await sleep(3 * UPSTREAM_TIMEOUT_MS);
    // Backpressure reached the privacy service: it could hand over only what the sockets in between hold.
    expect(progress.written).toBeLessThan(total * MB / 2);
    let received = 0;
    res.on('data', (data: Buffer) => (received += data.length));
    await once(res, 'end');
    expect(received).toBe(total * MB);
    expect(progress.written).toBe(total * MB);
  });

  it.each([0, 3 * UPSTREAM_TIMEOUT_MS])('cuts the download, never ends it as if complete, when the privacy service falls silent mid-package (client stalled %i ms first)', async (stallMs) => {
    const sent = 16 * MB;
    h.privacy.respondWith((_req, res) => {
      res.writeHead(200, zipHeaders);
      void writeChunks(res, Buffer.alloc(MB, 1), sent / MB, { written: 0 }); // and then nothing, without ending
    });
    const res = await get(exportUrl(), auth);
    const outcome = Promise.race([once(res, 'end').then(() => 'end'), once(res, 'aborted').then(() => 'aborted')]);
    await sleep(stallMs);
    let received = 0;
    res.on('data', (data: Buffer) => (received += data.length));
    expect(await outcome).toBe('aborted');
    expect(received).toBe(sent);
  });

  it('passes the privacy service\'s refusals through as they are', async () => {
    for (const [status, type] of [[404, 'not-found'], [409, 'conflict'], [410, 'export-expired']] as const) {
      h.privacy.respondWith((_req, res) => {
        res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: `x/${type}`, status }));
      });
      const res = await get(exportUrl(), auth);
      const body: Buffer[] = [];
      res.on('data', (data: Buffer) => body.push(data));
      await once(res, 'end');
      expect([res.statusCode, res.headers['content-type'], JSON.parse(Buffer.concat(body).toString())]).toEqual([
        status,
        'application/problem+json',
        { type: `x/${type}`, status },
      ]);
      expect(res.headers['content-disposition']).toBeUndefined();
    }
  });
});
