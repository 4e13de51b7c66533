// The chart's NATS users (ADR 37), rendered offline: the generated users file in a ConfigMap, and
// every service signing in as itself with its password from the Secret.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { offlineChartCopy, renderChart, repoRoot, type K8sObject } from './support/helm';

type Obj = K8sObject & { data?: Record<string, string>; spec: { template: { spec: { containers: { env?: EnvVar[] }[] } } } };
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

let chart: ReturnType<typeof offlineChartCopy>;
let objects: Obj[];
beforeAll(() => {
  chart = offlineChartCopy();
  objects = renderChart(chart.dir, []) as Obj[];
}, 300_000);
afterAll(() => chart?.cleanup());

const SERVICES = ['gateway', 'identity', 'tenant-data', 'billing-integration', 'privacy', 'helpdesk'];

test('the users file generated from the bus rights is in the ConfigMap the NATS server includes', () => {
  const users = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'homi-nats-users');
  const generated = readFileSync(join(repoRoot, 'deploy/helm/homi/files/nats-users.conf'), 'utf8');
  expect(users?.data?.['nats-users.conf']?.trim()).toBe(generated.trim());
  for (const service of SERVICES) expect(generated).toContain(`user: "${service}"`);
});

test.each(SERVICES)('%s signs in to NATS as itself, its password from the Secret', (service) => {
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === `homi-${service}`);
  const env = deployment?.spec.template.spec.containers[0]?.env ?? [];
  expect(env.find((e) => e.name === 'NATS_USER')?.value).toBe(service);
  expect(env.find((e) => e.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
    name: 'homi-nats-passwords', key: `NATS_PASSWORD_${service.toUpperCase().replace(/-/g, '_')}`,
  });
});
