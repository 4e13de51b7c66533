import { natsNames } from './nats-namespace';

/**
 * Who may do what on the bus (ADR 37): the one declaration the nats-server users are generated
 * from. Names are the plain ones (`IDENTITY`, `identity.>`, `homi_memberships`); `natsPermissions`
 * puts them in a namespace and spells them as the server's publish/subscribe permissions.
 */
export interface BusRights {
  /** Subjects (or wildcards) it publishes: its own events, and as a data owner its announcements and results. */
  publishes: readonly string[];
  /** Streams it creates or brings up to date on start (its own, and those it consumes, whichever service starts first). */
  ensuresStreams: readonly string[];
  /** Its durable consumers, by stream; it reads, acks and dead-letters only through these. */
  consumes: readonly { stream: string; durable: string }[];
  /** Durables it removes on start because they were replaced (a durable's filter cannot change). */
  retiresConsumers?: readonly { stream: string; durable: string }[];
  /** KV buckets it writes (and creates). */
  writesBuckets: readonly string[];
  /** KV buckets it reads and watches, never writes. */
  readsBuckets: readonly string[];
}

export const BUS_SERVICES = ['gateway', 'identity', 'tenant-data', 'billing-integration', 'privacy', 'helpdesk'] as const;
export type BusService = (typeof BUS_SERVICES)[number];

const DEAD_LETTERS = 'DEAD_LETTERS';
/**
 * What a data owner (privacy-kit) publishes on the PRIVACY stream: its announcements and results on
 * subjects that name it (ADR 42), so no owner can speak for another; retention reports.
 */
const dataOwnerSubjects = (owner: string) => [`privacy.owner.${owner}.>`, 'privacy.retention.purged.v1'];
const ownerDurable = (owner: string) => ({ stream: 'PRIVACY', durable: `privacy-owner-${owner}` });
const KV_BUCKETS = ['homi_memberships', 'homi_users', 'homi_support_grants'];

export const BUS_RIGHTS: Readonly<Record<BusService, BusRights>> = {
  gateway: {
    publishes: ['gateway.usage.reported.v1', 'audit.tenant-action.performed.v1', 'audit.support-access.refused.v1'],
    ensuresStreams: ['GATEWAY', 'AUDIT'],
    consumes: [],
    writesBuckets: [],
    readsBuckets: KV_BUCKETS,
  },
  identity: {
    publishes: ['identity.>', ...dataOwnerSubjects('identity')],
    ensuresStreams: ['IDENTITY', 'AUDIT', 'PRIVACY', 'HELPDESK'],
    consumes: [
      { stream: 'IDENTITY', durable: 'identity-kv-projection' },
      { stream: 'HELPDESK', durable: 'identity-ticket-closures' },
      { stream: 'AUDIT', durable: 'identity-audit-log' },
      { stream: 'AUDIT', durable: 'identity-support-refusals' },
      ownerDurable('identity'),
    ],
    writesBuckets: KV_BUCKETS,
    readsBuckets: [],
  },
  'tenant-data': {
    publishes: ['tenant-data.>', ...dataOwnerSubjects('tenant-data')],
    ensuresStreams: ['TENANT_DATA', 'IDENTITY', 'PRIVACY'],
    consumes: [
      { stream: 'IDENTITY', durable: 'tenant-data-tenant-created-v2' },
      { stream: 'TENANT_DATA', durable: 'tenant-data-institute-names' },
      ownerDurable('tenant-data'),
    ],
    writesBuckets: [],
    readsBuckets: ['homi_memberships'],
  },
  'billing-integration': {
    publishes: ['billing.>', ...dataOwnerSubjects('billing-integration')],
    ensuresStreams: ['BILLING', 'TENANT_DATA', 'PRIVACY'],
    consumes: [{ stream: 'TENANT_DATA', durable: 'billing-integration-client-sync' }, ownerDurable('billing-integration')],
    writesBuckets: [],
    readsBuckets: [],
  },
  privacy: {
    publishes: [
      'privacy.request.commanded.v1', 'privacy.request.deadline-approaching.v1', 'privacy.request.completed.v1',
      'privacy.request.extended.v1', 'privacy.retention.purged.v1', 'audit.tenant-action.performed.v1',
    ],
    ensuresStreams: ['PRIVACY', 'IDENTITY', 'AUDIT', 'TENANT_DATA', 'BILLING', 'GATEWAY'],
    consumes: [
      { stream: 'PRIVACY', durable: 'privacy-registry-by-owner' },
      { stream: 'PRIVACY', durable: 'privacy-results-by-owner' },
      { stream: 'PRIVACY', durable: 'privacy-retention' },
      { stream: 'IDENTITY', durable: 'privacy-account-deletions' },
      { stream: 'TENANT_DATA', durable: 'privacy-usage-tenant-data' },
      { stream: 'IDENTITY', durable: 'privacy-usage-memberships' },
      { stream: 'BILLING', durable: 'privacy-usage-billing' },
      { stream: 'GATEWAY', durable: 'privacy-usage-gateway' },
    ],
    retiresConsumers: [{ stream: 'PRIVACY', durable: 'privacy-registry' }, { stream: 'PRIVACY', durable: 'privacy-results' }],
    writesBuckets: [],
    readsBuckets: [],
  },
  helpdesk: {
    publishes: ['helpdesk.>', ...dataOwnerSubjects('helpdesk')],
    ensuresStreams: ['HELPDESK', 'IDENTITY', 'PRIVACY'],
    consumes: [{ stream: 'IDENTITY', durable: 'helpdesk-institute-names' }, ownerDurable('helpdesk')],
    writesBuckets: [],
    readsBuckets: [],
  },
};

/** A user's permissions as nats-server's `authorization.users[].permissions` spell them. */
export interface NatsUserPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
}

/** The inbox prefix a service's connection uses, so that only it may subscribe to its replies. */
export const inboxPrefixOf = (user: string) => `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * A service's rights in `namespace` as server permissions. JetStream is driven by requests on
 * `$JS.API.…`: each request a service's own work needs is allowed by name (stream, durable,
 * bucket), so a consumer on another service's durable, a put into another's bucket or a stream
 * deletion is refused by the server, not by the client's good manners.
 */
export function natsPermissions(rights: BusRights, user: string, namespace = ''): NatsUserPermissions {
  const n = natsNames(namespace);
  const api = '$JS.API';
  const publish = new Set<string>([`${api}.INFO`]);
  const streamInfo = (s: string) => publish.add(`${api}.STREAM.INFO.${s}`);
  for (const subject of rights.publishes) publish.add(n.subject(subject));
  for (const s of [...rights.ensuresStreams, DEAD_LETTERS].map(n.stream)) {
    streamInfo(s);
    publish.add(`${api}.STREAM.CREATE.${s}`).add(`${api}.STREAM.UPDATE.${s}`);
  }
  for (const { stream, durable } of rights.consumes) {
    const s = n.stream(stream);
    streamInfo(s);
    for (const verb of ['INFO', 'CREATE', 'DURABLE.CREATE', 'MSG.NEXT']) publish.add(`${api}.CONSUMER.${verb}.${s}.${durable}`);
    publish.add(`${api}.CONSUMER.CREATE.${s}.${durable}.>`); // the 2.9+ form that names the filter
    publish.add(`$JS.ACK.${s}.${durable}.>`);
    publish.add(n.subject(`dlq.${durable}`));
  }
  for (const { stream, durable } of rights.retiresConsumers ?? []) publish.add(`${api}.CONSUMER.DELETE.${n.stream(stream)}.${durable}`);
  const buckets = [...rights.writesBuckets.map((b) => [b, true] as const), ...rights.readsBuckets.map((b) => [b, false] as const)];
  for (const [plain, writes] of buckets) {
    const bucket = n.bucket(plain);
    const s = `KV_${bucket}`;
    streamInfo(s);
    // Opening a bucket creates it when missing (same configuration, so never a change of an existing one).
    publish.add(`${api}.STREAM.CREATE.${s}`);
    publish.add(`${api}.DIRECT.GET.${s}.>`).add(`${api}.STREAM.MSG.GET.${s}`);
    // Watches and key listings are ordered (ephemeral) consumers with flow control.
    publish.add(`${api}.CONSUMER.CREATE.${s}`).add(`${api}.CONSUMER.CREATE.${s}.>`).add(`${api}.CONSUMER.DELETE.${s}.>`).add(`${api}.CONSUMER.INFO.${s}.>`);
    publish.add(`$JS.FC.${s}.>`);
    if (writes) publish.add(`$KV.${bucket}.>`).add(`${api}.STREAM.UPDATE.${s}`);
  }
  return { publish: { allow: [...publish].sort() }, subscribe: { allow: [`${inboxPrefixOf(user)}.>`] } };
}

/** The environment variable a deployed nats-server reads a service's password from. */
export const natsPasswordVariable = (service: BusService) => `NATS_PASSWORD_${service.toUpperCase().replace(/-/g, '_')}`;

export interface NatsServerConfigOptions {
  /**
   * Each service's password (a secret the operator or `npm start` generates), or 'environment':
   * the configuration names `$NATS_PASSWORD_<SERVICE>`, which nats-server reads from its
   * environment (compose, the chart: the values come from Secrets, the file holds none).
   */
  passwords: Readonly<Record<BusService, string>> | 'environment';
  /** A test run's namespace; none in production. */
  namespace?: string;
  /** Lines placed before the authorization block (listen, jetstream, …). */
  preamble?: readonly string[];
  /** Users with every right (an operator's `nats` CLI, a test's forensics); none by default. */
  admins?: readonly { user: string; password: string }[];
}

/** The `authorization` block of a nats-server configuration: one user per service with its permissions. */
export function natsServerConfig(options: NatsServerConfigOptions): string {
  const users = BUS_SERVICES.map((service) => {
    const permissions = natsPermissions(BUS_RIGHTS[service], service, options.namespace);
    const password = options.passwords === 'environment' ? `$${natsPasswordVariable(service)}` : JSON.stringify(options.passwords[service]);
    if (options.passwords !== 'environment' && (options.passwords[service]?.length ?? 0) < 16) {
      throw new Error(`the NATS password of ${service} must be at least 16 characters`);
    }
    return `    { user: ${JSON.stringify(service)}, password: ${password}, permissions: ${JSON.stringify(permissions)} }`;
  });
  for (const admin of options.admins ?? []) {
    if (admin.password.length < 16 || (BUS_SERVICES as readonly string[]).includes(admin.user)) throw new Error(`admin ${admin.user}: a user of its own with a password of at least 16 characters`);
    users.push(`    { user: ${JSON.stringify(admin.user)}, password: ${JSON.stringify(admin.password)} }`);
  }
  return [...(options.preamble ?? []), 'authorization {', '  users = [', users.join(',\n'), '  ]', '}', ''].join('\n');
}

/** Where the deployed platform's NATS users live, from the repository root (compose mounts it, the chart reads it). */
export const DEPLOYED_NATS_USERS_FILE = 'deploy/helm/homi/files/nats-users.conf';

/** The deployed platform's users: passwords from nats-server's environment, no namespace, no admin. */
export function deployedNatsUsers(): string {
  return [
    `# Generated from libs/contracts BUS_RIGHTS by scripts/nats-config.mjs (ADR 37); do not edit by hand.`,
    `# nats-server reads each password from its environment: ${BUS_SERVICES.map(natsPasswordVariable).join(', ')}.`,
    natsServerConfig({ passwords: 'environment' }),
  ].join('\n');
}
