import { CALLER_HEADER, devTrustedKeys, serviceVerifier, verifyCaller, type CallerContext } from '@homi/service-kit';

/** A request as an upstream received it (echo server: `url`; recording fake: `path`). */
interface Sent {
  method: string;
  url?: string;
  path?: string;
  headers: Record<string, unknown>;
}

/**
 * The caller context `audience` reads from what the gateway sent, verified as that service does:
 * the gateway's (development) key, this service, this method and path. Throws as the service refuses.
 */
export function callerSent(sent: Sent | undefined, audience: string): Promise<CallerContext> {
  if (!sent) throw new Error('nothing was forwarded');
  const verifier = serviceVerifier({ service: audience, trusted: devTrustedKeys(['gateway']) });
  return verifyCaller(String(sent.headers[CALLER_HEADER]), verifier, { method: sent.method, path: sent.url ?? sent.path ?? '' });
}
