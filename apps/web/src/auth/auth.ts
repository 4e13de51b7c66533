import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { RuntimeConfig } from '../config';
import { authTimeOf, realmRolesOf } from './claims';
import { CALLBACK_PATH, SIGNED_OUT_PATH, SILENT_CALLBACK_PATH } from './paths';

export type AuthState =
  | { status: 'restoring' }
  | { status: 'signed-out'; reason?: 'session-ended' }
  | { status: 'signed-in'; accessToken: string; roles: string[]; /** `auth_time`: when the password was last entered (s). */ authTime?: number };

/**
 * Set while a session exists, so a reload knows a silent sign-in is worth trying. A flag, not
 * personal data: the tokens themselves are only ever kept in memory.
 */
const SESSION_HINT = 'homi.session';
const hint = {
  get: () => safely(() => localStorage.getItem(SESSION_HINT) === '1'),
  set: () => safely(() => localStorage.setItem(SESSION_HINT, '1')),
  clear: () => safely(() => localStorage.removeItem(SESSION_HINT)),
};
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** What the app needs of the sign-in; Auth is the real one, component tests give a stand-in. */
export interface AuthController {
  getState(): AuthState;
  subscribe(listener: () => void): () => void;
  ready(): Promise<void>;
  accessToken(): string | undefined;
  signIn(returnTo?: string, language?: string): Promise<void>;
  /** A fresh sign-in with the password even while a session exists (before deleting the account). */
  reauthenticate(returnTo: string, language?: string): Promise<void>;
  /** A fresh sign-in with the second factor that then adds a security key (HOMi staff, ADR 40). */
  addSecurityKey(returnTo: string, language?: string): Promise<void>;
  completeSignIn(): Promise<string>;
  renew(): Promise<boolean>;
  signOut(): Promise<void>;
}

/**
 * Sign-in with the issuer (authorization code + PKCE, public client): tokens in memory only, renewed
 * before they expire, the session restored after a reload by a silent sign-in (prompt=none in a
 * hidden iframe), and sign-out that ends the issuer's session too.
 */
export class Auth implements AuthController {
  private readonly manager: UserManager;
  private state: AuthState = { status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  private readonly restored: Promise<void>;
  private callback?: Promise<string>;
  private renewing?: Promise<boolean>;

  constructor(config: RuntimeConfig, origin = window.location.origin) {
    this.manager = new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      silent_redirect_uri: `${origin}${SILENT_CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}${SIGNED_OUT_PATH}`,
      response_type: 'code',
      scope: 'openid profile email',
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      // Only the PKCE verifier and state of a sign-in under way, which must survive the redirect.
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: true,
      silentRequestTimeoutInSeconds: 10,
      loadUserInfo: false,
      monitorSession: false,
    });
    this.manager.events.addUserLoaded((user) => this.signedIn(user));
    this.manager.events.addSilentRenewError(() => this.ended());
    this.manager.events.addUserSignedOut(() => this.ended());
    this.restored = window.location.pathname === CALLBACK_PATH ? Promise.resolve() : this.restore();
  }

  getState = (): AuthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Resolves once it is known whether someone is signed in. */
  ready(): Promise<void> {
    return this.restored.then(() => this.callback?.then(() => undefined));
  }

  accessToken = (): string | undefined => (this.state.status === 'signed-in' ? this.state.accessToken : undefined);

  /** Sends the browser to the issuer's sign-in page; `returnTo` is a path of this app (ids only). */
  signIn(returnTo = '/', language?: string): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo }, ...(language ? { ui_locales: language } : {}) });
  }

  /**
   * Sends the browser to the issuer to enter the password again (`prompt=login`, `max_age=0`), for an
   * action the API allows only after a recent sign-in; comes back to `returnTo` with the fresh tokens.
   */
  reauthenticate(returnTo: string, language?: string): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo }, prompt: 'login', max_age: 0, ...(language ? { ui_locales: language } : {}) });
  }

  /**
   * Keycloak's application-initiated action `webauthn-register`: password and second factor afresh,
   * then the issuer's own page adds the key, and the browser comes back signed in as before.
   */
  addSecurityKey(returnTo: string, language?: string): Promise<void> {
    return this.manager.signinRedirect({
      state: { returnTo }, prompt: 'login', max_age: 0, extraQueryParams: { kc_action: 'webauthn-register' }, ...(language ? { ui_locales: language } : {}),
    });
  }

  /** Completes the sign-in on the callback page (once, even when React runs effects twice); resolves with `returnTo`. */
  completeSignIn(): Promise<string> {
    this.callback ??= this.manager.signinRedirectCallback().then(
      (user) => {
        const state = user.state as { returnTo?: unknown } | undefined;
        return typeof state?.returnTo === 'string' && state.returnTo.startsWith('/') ? state.returnTo : '/';
      },
      (err: unknown) => {
        this.set({ status: 'signed-out' });
        throw err;
      },
    );
    return this.callback;
  }

  /** A fresh access token after the API refused the current one; false when the session is over. */
  renew(): Promise<boolean> {
    this.renewing ??= this.manager
      .signinSilent()
      .then((user) => Boolean(user))
      .catch(() => {
        this.ended();
        return false;
      })
      .finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** Forgets the tokens and ends the session at the issuer, which sends the browser back to the start page. */
  async signOut(): Promise<void> {
    const user = await this.manager.getUser();
    hint.clear();
    await this.manager.removeUser();
    this.set({ status: 'signed-out' });
    await this.manager.signoutRedirect({ id_token_hint: user?.id_token });
  }

  private async restore(): Promise<void> {
    if (!hint.get()) return this.set({ status: 'signed-out' });
    try {
      await this.manager.signinSilent();
    } catch {
      hint.clear();
      this.set({ status: 'signed-out' });
    }
  }

  private signedIn(user: User): void {
    hint.set();
    this.set({ status: 'signed-in', accessToken: user.access_token, roles: realmRolesOf(user.access_token), authTime: authTimeOf(user.access_token) });
  }

  private ended(): void {
    hint.clear();
    void this.manager.removeUser();
    this.set({ status: 'signed-out', reason: 'session-ended' });
  }

  private set(state: AuthState): void {
    this.state = state;
    this.listeners.forEach((listener) => listener());
  }
}
