import { randomBytes } from 'node:crypto';

// Spelled here as in @homi/contracts (nats-namespace.ts): jest's global setup loads this file
// without the preset's module mapping, so it imports no workspace library.
const VARIABLE = 'HOMI_NATS_NAMESPACE';

/**
 * Gives this test run a NATS namespace of its own (ADR 37), unless one is set already (another
 * project's setup in the same run, or a caller that chose one): every worker and every service a
 * test starts inherits it, so the run's streams, subjects and buckets never meet `npm start`'s.
 */
export function claimTestNamespace(env: NodeJS.ProcessEnv = process.env): string {
  if (env[VARIABLE] === undefined) env[VARIABLE] = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  return env[VARIABLE];
}

/** The namespace's suffix token for names a run creates (databases), or '' outside a test run. */
export function namespaceToken(env: NodeJS.ProcessEnv = process.env): string {
  const ns = env[VARIABLE];
  return ns && /^t[a-z0-9]+$/.test(ns) ? ns : '';
}
