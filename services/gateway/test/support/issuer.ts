import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';

export type Claims = JWTPayload & Record<string, unknown>;

export interface TestIssuer {
  /** `http://127.0.0.1:{port}/realms/homi` */
  issuer: string;
  /** A Keycloak-shaped access token for `sub`, signed with the published key; overrides change claims. */
  token(sub: string, overrides?: Claims): Promise<string>;
  /** The same claims, signed with any key, algorithm and kid. */
  sign(claims: Claims, key: CryptoKey | Uint8Array, header: { alg: string; kid?: string }): Promise<string>;
  claims(sub: string, overrides?: Claims): Claims;
  kid: string;
  /** The published key as PEM: what an algorithm-confusion attack uses as an HMAC secret. */
  publicKeyPem: string;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** From now on the JWKS publishes another key instead of the signing key (a rotation that retires it). */
  withdrawKey(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A minimal OIDC issuer on a real socket, shaped like Keycloak's realm `homi`: the discovery
 * document, an RS256 JWKS at Keycloak's path, and tokens with Keycloak's access-token claims.
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-signing-key';
  let jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  let fetches = 0;
  let issuer = '';
  const server = http.createServer((req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/realms/homi/.well-known/openid-configuration') {
      return send({
        issuer,
        jwks_uri: `${issuer}/protocol/openid-connect/certs`,
        token_endpoint: `${issuer}/protocol/openid-connect/token`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (req.url === '/realms/homi/protocol/openid-connect/certs') {
      fetches++;
      return send(jwks);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/homi`;

  const claims = (sub: string, overrides: Claims = {}): Claims => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: issuer, sub, aud: ['homi-gateway', 'account'], azp: 'homi-cli', typ: 'Bearer',
      iat: now, exp: now + 300, auth_time: now, acr: '1',
      realm_access: { roles: ['default-roles-homi', 'offline_access'] },
      email: `${sub}@example.com`, email_verified: true,
      ...overrides,
    };
  };
  const sign = (body: Claims, key: CryptoKey | Uint8Array, header: { alg: string; kid?: string }) =>
    new SignJWT(body).setProtectedHeader({ typ: 'JWT', ...header }).sign(key);

  return {
    issuer,
    kid,
    publicKeyPem: await exportSPKI(publicKey),
    claims,
    sign,
    token: (sub, overrides) => sign(claims(sub, overrides), privateKey, { alg: 'RS256', kid }),
    jwksFetches: () => fetches,
    withdrawKey: async () => {
      const other = await generateKeyPair('RS256', { extractable: true });
      jwks = { keys: [{ ...(await exportJWK(other.publicKey)), kid: 'next-signing-key', alg: 'RS256', use: 'sig' }] };
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** alg "none": no signature at all. */
export const unsignedToken = (claims: Claims) => new UnsecuredJWT(claims).encode();

/** A fresh RSA key nobody published. */
export const foreignKey = async () => (await generateKeyPair('RS256')).privateKey;
