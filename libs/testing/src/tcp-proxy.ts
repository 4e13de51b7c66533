import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that can be taken down and brought back, to stage an outage of NATS or Postgres:
 * down() cuts every open connection and refuses new ones, as a dead server would.
 */
export interface TcpProxy {
  /** The target URL (scheme, credentials, path and query kept) pointing at the proxy. */
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listenPort = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(port), hostname);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => sock.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(listenPort, '127.0.0.1', () => {
        listenPort = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });

  const down = async () => {
    const s = server;
    server = undefined;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };

  await listen();
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(listenPort);
  return { url: url.toString(), down, up: listen, close: down };
}
