// deploy/nats/cluster.conf (docker-compose.cluster.yml's nodes, ADR 57) run for real: three local
// nats-servers with that file — only the paths, ports and route hosts moved to this machine — and the
// certificates deploy/tls/generate.sh makes, must form one JetStream cluster over mutual-TLS routes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findNatsServer, freePort, pollUntil } from '@homi/testing';

const repoRoot = resolve(__dirname, '../..');
const natsServer = findNatsServer();
const openssl = spawnSync('openssl', ['version']).status === 0;
const maybe = natsServer && openssl ? describe : describe.skip;

maybe('deploy/nats/cluster.conf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'homi-nats-cluster-conf-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('forms one JetStream cluster of three with TLS for clients and routes, from the certificates generate.sh makes', async () => {
    expect(spawnSync('sh', [join(repoRoot, 'deploy/tls/generate.sh'), join(dir, 'tls')], { encoding: 'utf8' }).status).toBe(0);
    cpSync(join(repoRoot, 'deploy/helm/homi/files/nats-users.conf'), join(dir, 'nats-users.conf'));
    const conf = readFileSync(join(repoRoot, 'deploy/nats/cluster.conf'), 'utf8');
    const nodes: { name: string; client: number; route: number; http: number }[] = [];
    for (const name of ['nats', 'nats-2', 'nats-3']) nodes.push({ name, client: await freePort(), route: await freePort(), http: await freePort() });
    const passwords = Object.fromEntries(['GATEWAY', 'IDENTITY', 'TENANT_DATA', 'BILLING_INTEGRATION', 'PRIVACY', 'HELPDESK'].map((s) => [`NATS_PASSWORD_${s}`, `pw-${s}`]));
    nodes.forEach((node, i) => {
      const home = join(dir, `n${i + 1}`);
      mkdirSync(home);
      let local = conf
        .replaceAll('/tls/', `${join(dir, 'tls')}/`)
        .replace('store_dir: /data', `store_dir: ${JSON.stringify(join(home, 'data'))}`)
        .replace('0.0.0.0:4222', `127.0.0.1:${node.client}`)
        .replace('0.0.0.0:8222', `127.0.0.1:${node.http}`)
        .replace('0.0.0.0:6222', `127.0.0.1:${node.route}`)
        .replace('include ./nats-users.conf', 'include ../nats-users.conf');
      // The route hosts become `localhost` (a name the certificate carries) on each node's route port.
      for (const other of nodes) local = local.replace(`nats-route://${other.name}:6222`, `nats-route://localhost:${other.route}`);
      writeFileSync(join(home, 'cluster.conf'), local);
      children.push(spawn(natsServer!, ['-c', join(home, 'cluster.conf')], { stdio: 'ignore', env: { ...passwords, NATS_SERVER_NAME: `nats-${i + 1}` } }));
    });

    const jsz = await pollUntil(
      async () => {
        const answers = await Promise.all(nodes.map((n) => fetch(`http://127.0.0.1:${n.http}/jsz`).then((r) => r.json() as Promise<{ meta_cluster?: { leader?: string; cluster_size?: number } }>, () => undefined)));
        // A node may name the leader before it has met the third peer (a loaded machine showed 3, 3, 2):
        // settled is every node with a leader and three peers; a cluster that never forms times out here.
        return answers.every((a) => a?.meta_cluster?.leader && (a.meta_cluster.cluster_size ?? 0) >= 3) ? answers : undefined;
      },
      { done: Boolean, timeoutMs: 20_000, intervalMs: 200, what: 'a JetStream meta leader and three peers on every node' },
    );
    expect(new Set(jsz!.map((a) => a!.meta_cluster!.leader)).size).toBe(1);
    expect(jsz!.map((a) => a!.meta_cluster!.cluster_size)).toEqual([3, 3, 3]);
    const routez = (await fetch(`http://127.0.0.1:${nodes[0]!.http}/routez`).then((r) => r.json())) as { num_routes: number };
    expect(routez.num_routes).toBe(2);
    const varz = (await fetch(`http://127.0.0.1:${nodes[0]!.http}/varz`).then((r) => r.json())) as { tls_required?: boolean; cluster?: { tls_required?: boolean } };
    expect([varz.tls_required, varz.cluster?.tls_required]).toEqual([true, true]);
  }, 60_000);
});
