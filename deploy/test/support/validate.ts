// Validates rendered objects: built-in kinds against the Kubernetes OpenAPI schemas compiled into
// kubernetes-models (types, required fields, enums, formats; unknown fields are NOT reported by these
// schemas), the operators' custom resources by a minimal shape check of the fields this chart sets.
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { K8sObject } from './helm';

type ModelClass = new (data: unknown) => { validate(): void };

const models: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap as unknown as ModelClass,
  'v1/Service': Service as unknown as ModelClass,
  'v1/ServiceAccount': ServiceAccount as unknown as ModelClass,
  'apps/v1/Deployment': Deployment as unknown as ModelClass,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler as unknown as ModelClass,
  'batch/v1/Job': Job as unknown as ModelClass,
  'networking.k8s.io/v1/Ingress': Ingress as unknown as ModelClass,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as unknown as ModelClass,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as ModelClass,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((cur, key) => (isObject(cur) ? cur[key] : undefined), o);

function need(problems: string[], o: unknown, path: string, check: (v: unknown) => boolean, what: string): void {
  if (!check(at(o, path))) problems.push(`${path} must be ${what}`);
}
const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const int = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
const secretRef = (v: unknown) => isObject(v) && str(v.name) && str(v.key);

/** Minimal shape checks of the custom resources (no CRD schemas offline). */
const customResources: Record<string, (o: K8sObject) => string[]> = {
  'postgresql.cnpg.io/v1/Cluster': (o) => {
    const p: string[] = [];
    need(p, o, 'spec.instances', int, 'a positive integer');
    need(p, o, 'spec.storage.size', (v) => typeof v === 'string' && /^\d+(Ki|Mi|Gi|Ti)$/.test(v), 'a quantity like 20Gi');
    need(p, o, 'spec.bootstrap.initdb.database', str, 'a database name');
    need(p, o, 'spec.bootstrap.initdb.owner', str, 'a role name');
    need(p, o, 'spec.bootstrap.initdb.postInitSQL', (v) => Array.isArray(v) && v.every(str), 'a list of SQL statements');
    return p;
  },
  'postgresql.cnpg.io/v1/Database': (o) => {
    const p: string[] = [];
    need(p, o, 'spec.name', str, 'a database name');
    need(p, o, 'spec.owner', str, 'a role name');
    need(p, o, 'spec.cluster.name', str, 'the Cluster name');
    return p;
  },
  'cert-manager.io/v1/Certificate': (o) => {
    const p: string[] = [];
    need(p, o, 'spec.secretName', str, 'a Secret name');
    need(p, o, 'spec.dnsNames', (v) => Array.isArray(v) && v.length > 0 && v.every(str), 'a non-empty list of DNS names');
    need(p, o, 'spec.issuerRef.name', str, 'an issuer name');
    need(p, o, 'spec.usages', (v) => Array.isArray(v) && v.includes('server auth'), 'a list with "server auth"');
    return p;
  },
  'k8s.keycloak.org/v2alpha1/Keycloak': (o) => {
    const p: string[] = [];
    need(p, o, 'spec.instances', int, 'a positive integer');
    need(p, o, 'spec.db.vendor', (v) => v === 'postgres', '"postgres"');
    need(p, o, 'spec.db.host', str, 'a host');
    need(p, o, 'spec.db.usernameSecret', secretRef, 'a {name, key} Secret reference');
    need(p, o, 'spec.db.passwordSecret', secretRef, 'a {name, key} Secret reference');
    need(p, o, 'spec.hostname.hostname', (v) => typeof v === 'string' && /^https:\/\//.test(v), 'an https URL');
    need(p, o, 'spec.http.httpEnabled', (v) => v === true, 'true (TLS ends at the ingress)');
    return p;
  },
  'k8s.keycloak.org/v2alpha1/KeycloakRealmImport': (o) => {
    const p: string[] = [];
    need(p, o, 'spec.keycloakCRName', str, 'the Keycloak resource name');
    need(p, o, 'spec.realm.realm', str, 'a realm name');
    need(p, o, 'spec.placeholders', (v) => isObject(v) && Object.values(v).every((x) => isObject(x) && secretRef(x.secret)), 'placeholders from Secrets');
    return p;
  },
};

/** Problems of one object (empty when valid). */
export function validateObject(o: K8sObject): string[] {
  const id = `${o.apiVersion}/${o.kind}`;
  const problems: string[] = [];
  const name = o.metadata?.name;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
    problems.push(`metadata.name ${JSON.stringify(name)} is not a DNS label of at most 63 characters`);
  }
  const Model = models[id];
  if (Model) {
    try {
      new Model(o).validate();
    } catch (err) {
      const errors = (err as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
      problems.push(...(errors ? errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`) : [String(err)]));
    }
    return problems;
  }
  const shape = customResources[id];
  if (shape) return [...problems, ...shape(o)];
  return [...problems, `no schema for ${id}: add it to deploy/test/support/validate.ts`];
}
