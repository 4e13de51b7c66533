import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { publicJwks, type SigningKeys } from './keys';

export type TokenVerifier = (token: string) => Promise<JWTPayload | undefined>;

/** Checks a bearer token was signed by this issuer and has not expired; undefined otherwise. */
export function createTokenVerifier(issuer: string, keys: SigningKeys): TokenVerifier {
  const jwks = createLocalJWKSet(publicJwks(keys) as Parameters<typeof createLocalJWKSet>[0]);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'], typ: 'JWT' });
      return payload.typ === 'Bearer' ? payload : undefined;
    } catch {
      return undefined;
    }
  };
}
