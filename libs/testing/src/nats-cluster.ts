import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, NatsServerExited, natsServerProcess, retryingExitedServers } from './nats-server';
import { freePort } from './service-process';

/** One server of a local JetStream cluster; `stop` is a SIGKILL, `start` brings it back on its ports and store. */
export interface NatsClusterNode {
  /** Its `server_name`: what stream info names as a leader or replica. */
  name: string;
  url: string;
  running(): boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Three (or `size`) nats-servers with JetStream, routed into one cluster on 127.0.0.1 (ADR 57). */
export interface NatsCluster {
  /** Every node's URL, comma-separated: what a service takes as NATS_URL. */
  url: string;
  nodes: NatsClusterNode[];
  node(name: string): NatsClusterNode;
  /** The name of the server leading `stream` (`KV_<bucket>` for a bucket), waiting up to `timeoutMs` for one. */
  streamLeader(stream: string, timeoutMs?: number): Promise<string>;
  /** Every stream's leader as the running nodes report it (streams in election are missing). */
  streamLeaders(): Promise<Record<string, string>>;
  /** Resolves once the cluster's JetStream has a meta leader and every running node sees it. */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops every node and deletes their stores. */
  dispose(): Promise<void>;
}

export interface NatsClusterOptions {
  size?: number;
  /** Configuration every node gets as well (e.g. the `authorization` block of ADR 37). */
  config?: string;
}

interface JszStream {
  name: string;
  cluster?: { leader?: string };
}
interface Jsz {
  meta_cluster?: { leader?: string };
  account_details?: { stream_detail?: JszStream[] }[];
}

/**
 * Starts a local JetStream cluster as STACK.md's working 2.9.10 setup: each node with its own
 * `server_name`, client, route and monitoring port on 127.0.0.1, and store directory; routes to every
 * other node. Resolves once JetStream has elected its meta leader.
 */
export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<NatsCluster> {
  const binary = findNatsServer();
  if (!binary) throw new Error('nats-server is not on PATH: install it (Debian package nats-server) to run cluster tests');
  return retryingExitedServers(() => startOnFreshPorts(binary, options));
}

async function startOnFreshPorts(binary: string, options: NatsClusterOptions): Promise<NatsCluster> {
  const size = options.size ?? 3;
  const root = mkdtempSync(join(tmpdir(), 'homi-nats-cluster-'));
  const specs = [];
  for (let i = 1; i <= size; i++) specs.push({ name: `homi-n${i}`, port: await freePort(), routePort: await freePort(), httpPort: await freePort() });
  const routes = specs.map((s) => `nats-route://127.0.0.1:${s.routePort}`);

  const nodes = specs.map((spec): NatsClusterNode & { httpPort: number; lastWords(): string } => {
    const dir = join(root, spec.name);
    mkdirSync(join(dir, 'store'), { recursive: true });
    const file = join(dir, 'nats-server.conf');
    const logFile = join(dir, 'nats-server.log');
    writeFileSync(
      file,
      [
        `server_name: ${spec.name}`,
        `listen: 127.0.0.1:${spec.port}`,
        `http: 127.0.0.1:${spec.httpPort}`,
        `jetstream { store_dir: ${JSON.stringify(join(dir, 'store'))} }`,
        `cluster { name: homi-test, listen: 127.0.0.1:${spec.routePort}, routes: [${routes.filter((r) => !r.endsWith(`:${spec.routePort}`)).join(', ')}] }`,
        `log_file: ${JSON.stringify(logFile)}`,
        options.config ?? '',
      ].join('\n'),
      { mode: 0o600 },
    );
    return { name: spec.name, url: `nats://127.0.0.1:${spec.port}`, httpPort: spec.httpPort, ...natsServerProcess(binary, ['-c', file], spec.port, logFile) };
  });

  const jsz = async (query = ''): Promise<Jsz[]> => {
    const answers = await Promise.all(
      nodes.filter((n) => n.running()).map((n) => fetch(`http://127.0.0.1:${n.httpPort}/jsz${query}`).then((r) => r.json() as Promise<Jsz>, () => undefined)),
    );
    return answers.filter((a): a is Jsz => a !== undefined);
  };
  const until = async <T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`nats cluster: ${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const metaLeaderSeen = async (): Promise<true | undefined> => {
    const answers = await jsz();
    const leaders = new Set(answers.map((a) => a.meta_cluster?.leader));
    const running = nodes.filter((n) => n.running()).length;
    return answers.length === running && leaders.size === 1 && !leaders.has(undefined) && !leaders.has('') ? true : undefined;
  };

  const cluster: NatsCluster = {
    url: nodes.map((n) => n.url).join(','),
    nodes,
    node(name) {
      const found = nodes.find((n) => n.name === name);
      if (!found) throw new Error(`no cluster node ${name}`);
      return found;
    },
    async ready(timeoutMs = 30_000) {
      await until('no JetStream meta leader', timeoutMs, metaLeaderSeen);
    },
    async streamLeaders() {
      const leaders: Record<string, string> = {};
      for (const answer of await jsz('?accounts=true&streams=true')) {
        for (const stream of (answer.account_details ?? []).flatMap((a) => a.stream_detail ?? [])) {
          const leader = stream.cluster?.leader;
          if (leader && nodes.find((n) => n.name === leader)?.running()) leaders[stream.name] = leader;
        }
      }
      return leaders;
    },
    streamLeader(stream, timeoutMs = 30_000) {
      return until(`no leader for stream ${stream}`, timeoutMs, async () => (await cluster.streamLeaders())[stream]);
    },
    async dispose() {
      for (const n of nodes) await n.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all(nodes.map((n) => n.start()));
    // A node listens for clients before it binds its route and monitoring ports: one of those taken
    // ends it only now, which the meta leader's wait would otherwise sit out for its whole timeout.
    await until('no JetStream meta leader', 30_000, async () => {
      const dead = nodes.find((n) => !n.running());
      if (dead) throw new NatsServerExited(Number(new URL(dead.url).port), dead.lastWords());
      return metaLeaderSeen();
    });
  } catch (err) {
    await cluster.dispose();
    throw err;
  }
  return cluster;
}
