import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { DevUser } from '../src';

export const alice: DevUser = { id: 'usr_alice', email: 'alice@example.com', password: 'correct horse', name: 'Alice Jansen', roles: ['support'] };
/** The RFC 6238 test key in base32: an authenticator app enrolled with it shows the codes `totpCode` gives. */
export const BOB_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const bob: DevUser = { id: 'usr_bob', email: 'bob@example.com', password: 'bob-secret', totpSecret: BOB_TOTP_SECRET };
export const carol: DevUser = { id: 'usr_carol', email: 'carol@example.com', password: 'carol-secret', enabled: false };

export interface TokenResponse {
  status: number;
  body: Record<string, unknown> & { access_token?: string; refresh_token?: string; error?: string; error_description?: string };
}

export async function postToken(issuer: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<TokenResponse> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams(params), headers });
  return { status: res.status, body: (await res.json()) as TokenResponse['body'] };
}

export function passwordLogin(issuer: string, username: string, password: string, scope?: string, totp?: string) {
  return postToken(issuer, {
    grant_type: 'password', client_id: 'homi-cli', username, password, ...(scope ? { scope } : {}), ...(totp ? { totp } : {}),
  });
}

export async function adminToken(issuer: string, secret: string): Promise<string> {
  const basic = Buffer.from(`homi-admin:${secret}`).toString('base64');
  const { status, body } = await postToken(issuer, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
  if (status !== 200 || typeof body.access_token !== 'string') throw new Error(`admin token: ${status} ${body.error}`);
  return body.access_token;
}

export function claimsOf(token: unknown): JWTPayload & Record<string, unknown> {
  return decodeJwt(String(token));
}

export function headerOf(token: unknown) {
  return decodeProtectedHeader(String(token));
}

/** A browser reduced to what the code flow needs: cookies and manual redirects. */
export function browser() {
  const jar = new Map<string, string>();
  return async (url: string | URL, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie } });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
}
