import { z } from 'zod';
import { natsName } from './nats-namespace';

/** A message that crosses a service boundary: its subject, its version and the shape of its data. */
export interface Contract<S extends z.ZodType = z.ZodType> {
  readonly subject: string;
  readonly version: number;
  readonly schema: S;
}

export type ContractData<C extends Contract> = z.infer<C['schema']>;

/** Whether a value (say, one export of this library) is a contract. */
export const isContract = (value: unknown): value is Contract =>
  typeof value === 'object' && value !== null && typeof (value as Contract).subject === 'string' && typeof (value as Contract).version === 'number' && 'schema' in value;

/**
 * Defines a contract. The subject must end in `.v<version>` so that a breaking change is a new
 * subject, never a silent change of an existing one. The subject is put in this process's NATS
 * namespace (a test run's prefix; none in production).
 */
export function defineContract<S extends z.ZodType>(subject: string, version: number, schema: S): Contract<S> {
  if (!subject.endsWith(`.v${version}`)) {
    throw new Error(`contract subject ${subject} must end in .v${version}`);
  }
  return Object.freeze({ subject: natsName.subject(subject), version, schema });
}

/** The one spelling of a prefixed id's pattern, as a string for JSON Schema and OpenAPI documents. */
export const prefixedIdPattern = (prefix: string): string => {
  if (!/^[a-z]{3}$/.test(prefix)) throw new Error(`an id prefix is three lower-case letters: ${prefix}`);
  return `^${prefix}_[0-9A-Za-z]{8,40}$`;
};

/** A prefixed, readable id (`ten_…`, `usr_…`, `cli_…`); `message` is what a caller with a wrong value is told. */
export function prefixedId(prefix: string, message = `must start with ${prefix}_`) {
  return z.string().regex(new RegExp(prefixedIdPattern(prefix)), message);
}

export const tenantId = prefixedId('ten');
/**
 * A user id is the identity provider's subject: `usr_…` from the development issuer, a UUID from
 * Keycloak (ADR 9). Every service takes it as given by the gateway's verified token.
 */
export const userId = z.union([prefixedId('usr'), z.uuid()]);
export const isoDateTime = z.iso.datetime({ offset: true });

/**
 * How long the platform's event streams (TENANT_DATA, IDENTITY, PRIVACY, …) keep a message. A
 * consumer's inbox row may be forgotten once the stream can no longer redeliver its message: after
 * this plus the duplicate window (libs/messaging `startMessagingRetention`).
 */
export const STREAM_MAX_AGE_MS = 30 * 24 * 3600_000;
