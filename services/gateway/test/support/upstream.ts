import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface EchoUpstream {
  url: string;
  received: Received[];
  /** Replaces the echo with another answer for the next requests. */
  respondWith(handler: ((req: Received, res: http.ServerResponse) => void) | undefined): void;
  close(): Promise<void>;
}

/** A stand-in for tenant-data on a real socket: answers 200 with what it received, or as told. */
export async function startEchoUpstream(): Promise<EchoUpstream> {
  const received: Received[] = [];
  let handler: ((req: Received, res: http.ServerResponse) => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(got);
      if (handler) return handler(got, res);
      res.writeHead(200, { 'content-type': 'application/json', 'x-internal-detail': 'should-not-leak' }).end(JSON.stringify(got));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    respondWith: (h) => (handler = h),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
