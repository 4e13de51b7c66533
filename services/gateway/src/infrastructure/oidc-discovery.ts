import { z } from 'zod';

const DiscoveryDocument = z.object({
  issuer: z.string(),
  jwks_uri: z.url({ protocol: /^https?$/ }),
});

/**
 * Reads `jwks_uri` from the issuer's discovery document. The document must name the configured
 * issuer exactly (OpenID Connect Discovery §4.3), or tokens would later fail on `iss` one by one.
 */
export async function discoverJwksUri(issuer: string, timeoutMs = 5_000, signal?: AbortSignal): Promise<string> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.any(signals),
  });
  if (res.status !== 200) throw new Error(`discovery answered HTTP ${res.status}`);
  const doc = DiscoveryDocument.parse(await res.json());
  if (doc.issuer !== issuer) throw new Error(`discovery document names issuer ${doc.issuer}, expected ${issuer}`);
  return doc.jwks_uri;
}
