import { identityProviderUnavailable } from '../application/ports';

export interface AdminTokenOptions {
  /** `{base}/realms/{realm}/protocol/openid-connect/token` */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

const EARLY_MS = 30_000;

/**
 * A client-credentials access token for the admin client (`homi-admin`), fetched when needed and
 * reused until shortly before it expires. Keycloak issues no refresh token for this grant.
 */
export class AdminToken {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: AdminTokenOptions) {}

  async get(now = Date.now()): Promise<string> {
    if (this.token && this.token.expiresAt - EARLY_MS > now) return this.token.value;
    this.pending ??= this.fetchToken(now).finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the token, e.g. after the provider answered 401 to it. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetchToken(now: number): Promise<string> {
    const { clientId, clientSecret, tokenUrl } = this.options;
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    let res: Response;
    try {
      res = await fetch(tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw identityProviderUnavailable(err);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (!res.ok || typeof body.access_token !== 'string') {
      // 401 here means a wrong client secret: an operator's problem, reported without the secret.
      throw identityProviderUnavailable(new Error(`admin token request answered ${res.status}`));
    }
    const ttlMs = (typeof body.expires_in === 'number' ? body.expires_in : 60) * 1000;
    this.token = { value: body.access_token, expiresAt: now + ttlMs };
    return body.access_token;
  }
}
