import net from 'node:net';

/**
 * The harness's stand-in for a Kubernetes Service in front of a service's replicas (ADR 60): a TCP
 * proxy on one port that hands each new connection to the next replica in turn. A replica that
 * refuses the connection (it is down) is skipped for the next one, as a Service's endpoints drop a
 * pod that is not ready; a connection already open to a replica that dies is cut, as it would be.
 */
export interface ReplicaProxy {
  url: string;
  /** Connections handed to each backend so far, in `backends` order. */
  connections: number[];
  close(): Promise<void>;
}

export async function startReplicaProxy(port: number, backends: () => string[]): Promise<ReplicaProxy> {
  let next = 0;
  const connections: number[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const targets = backends();
    const attempt = (tries: number) => {
      const index = next++ % targets.length;
      const { hostname, port: targetPort } = new URL(targets[index]!);
      const upstream = net.connect(Number(targetPort), hostname);
      const refused = () => {
        upstream.destroy();
        if (tries + 1 < targets.length) attempt(tries + 1);
        else client.destroy();
      };
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        connections[index] = (connections[index] ?? 0) + 1;
        open.add(upstream);
        upstream.on('close', () => open.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
