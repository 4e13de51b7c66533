/**
 * A test run's own corner of a NATS server (ADR 37). `HOMI_NATS_NAMESPACE` (set by the jest global
 * setup, inherited by every worker and every service a test starts) prefixes each subject
 * (`<ns>.privacy.>`), stream (`<ns>_PRIVACY`) and KV bucket (`<ns>_homi_memberships`) the platform
 * names; durables live inside their stream and need no prefix. Unset or empty, as `npm start` and
 * production run: the names are the plain ones.
 */
export const NATS_NAMESPACE_VARIABLE = 'HOMI_NATS_NAMESPACE';

const NAMESPACE_PATTERN = /^[a-z][a-z0-9]{0,23}$/;

/** The namespace `value` names, or '' for none; throws on one that is no safe subject token. */
export function parseNatsNamespace(value: string | undefined): string {
  if (!value) return '';
  if (!NAMESPACE_PATTERN.test(value)) throw new Error(`${NATS_NAMESPACE_VARIABLE} must be 1–24 lower-case letters and digits, starting with a letter`);
  return value;
}

// The web app imports contracts too; it has no process.
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/** This process's namespace, read once when the contracts load. */
export const NATS_NAMESPACE = parseNatsNamespace(env[NATS_NAMESPACE_VARIABLE]);

/** Names in one namespace: what `natsNames(NATS_NAMESPACE)` gives every contract of this process. */
export interface NatsNames {
  readonly namespace: string;
  subject(subject: string): string;
  stream(name: string): string;
  bucket(name: string): string;
}

export function natsNames(namespace: string): NatsNames {
  const ns = parseNatsNamespace(namespace);
  return {
    namespace: ns,
    subject: (s) => (ns ? `${ns}.${s}` : s),
    stream: (n) => (ns ? `${ns}_${n}` : n),
    bucket: (b) => (ns ? `${ns}_${b}` : b),
  };
}

export const natsName = natsNames(NATS_NAMESPACE);

export interface StreamDeclaration {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly maxAgeMs?: number;
}

/** A stream's declaration (its plain name and subjects) in this process's namespace. */
export function namespacedStream(spec: StreamDeclaration): StreamDeclaration {
  return Object.freeze({ ...spec, name: natsName.stream(spec.name), subjects: spec.subjects.map(natsName.subject) });
}
