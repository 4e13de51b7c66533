import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { DevUser, SpawnedDevIssuer } from '../src';

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

type Browser = ReturnType<typeof browser>;

/** homi-web's authorization-code flow with PKCE against a spawned issuer, for an app at `app`. */
export function codeFlow(idp: () => SpawnedDevIssuer, app: string) {
  const redirectUri = `${app}/auth/callback`;

  async function authorize(go: Browser, extra: Record<string, string> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const auth = new URL(`${idp().issuer}/protocol/openid-connect/auth`);
    const params = {
      client_id: 'homi-web', response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile email', state: 's',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', ...extra,
    };
    Object.entries(params).forEach(([k, v]) => auth.searchParams.set(k, v));
    const res = await go(auth);
    return { res, verifier, page: new URL(String(res.headers.get('location')), idp().url) };
  }

  const post = (fields: Record<string, string>) => ({
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
  });

  /** Follows redirects until the app's callback; answers its code. */
  async function followToApp(go: Browser, res: Response): Promise<URL> {
    while (!String(res.headers.get('location')).startsWith(app)) {
      expect(res.status).toBe(303);
      res = await go(new URL(String(res.headers.get('location')), idp().url));
    }
    return new URL(String(res.headers.get('location')));
  }

  async function tokensFor(go: Browser, res: Response, verifier: string) {
    const callback = await followToApp(go, res);
    const { body } = await postToken(idp().issuer, {
      grant_type: 'authorization_code', client_id: 'homi-web', redirect_uri: redirectUri, code: String(callback.searchParams.get('code')), code_verifier: verifier,
    });
    return body;
  }

  return { authorize, post, followToApp, tokensFor, redirectUri };
}
