import { existsSync } from 'node:fs';
import type { TlsOptions } from '@nats-io/nats-core';

/**
 * TLS to NATS from the environment (ADR 39): NATS_TLS_CA_FILE names the CA the server's certificate
 * must chain to (the client then requires TLS and verifies the certificate and host name);
 * NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE add a client certificate, for a server that verifies
 * clients. NATS_TLS=true requires TLS verified against the system's CAs. Unset: whatever the server
 * offers, as before (plain on a local nats-server).
 */
export function natsTlsFromEnv(env: NodeJS.ProcessEnv): TlsOptions | undefined {
  const caFile = env.NATS_TLS_CA_FILE || undefined;
  const certFile = env.NATS_TLS_CERT_FILE || undefined;
  const keyFile = env.NATS_TLS_KEY_FILE || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('set both NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE, or neither');
  for (const [name, file] of [['NATS_TLS_CA_FILE', caFile], ['NATS_TLS_CERT_FILE', certFile], ['NATS_TLS_KEY_FILE', keyFile]] as const) {
    if (file && !existsSync(file)) throw new Error(`${name} names a file that does not exist`);
  }
  if (!caFile && !certFile && env.NATS_TLS !== 'true') return undefined;
  return { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile, keyFile } : {}) };
}
