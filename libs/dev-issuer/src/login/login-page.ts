import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkSecondFactor, loginLevel, type SecondFactor } from '../claims';
import { readBody } from '../http';
import { mayUseSecurityKey, type SecurityKeyCeremonies } from '../security-keys';
import type { StoredUser, UserStore } from '../users';
import { layout, pageSecurityHeaders, sendPage } from './page';
import { codeStep, keyStep, passwordStep, registerStep, type Errors } from './steps';
import { languageOf, TEXTS, type Language } from './texts';

/**
 * A password checked, the rest still to come: per interaction, for as long as it lives. `code` and
 * `key` wait for a second factor; `register` has one (`factor`) and offers to add a security key.
 */
interface Pending {
  accountId: string;
  expiresAt: number;
  attempts: number;
  stage: 'code' | 'key' | 'register';
  factor?: SecondFactor;
}
const SECOND_FACTOR_TTL_MS = 5 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
/** Keycloak's application-initiated action that adds a security key (`kc_action` on the authorization request). */
export const REGISTER_KEY_ACTION = 'webauthn-register';

const hasKey = (user: StoredUser) => mayUseSecurityKey(user) && (user.securityKeys?.length ?? 0) > 0;

/** What the browser's refusal (a DOMException's name) means for the person. */
function keyFailure(language: Language, failure: string, registering: boolean): string {
  const t = TEXTS[language];
  if (failure === 'NotSupportedError' || failure === 'SecurityError') return t.keyUnsupported;
  if (registering && failure === 'InvalidStateError') return t.registerDuplicate;
  if (failure === 'NotAllowedError' || failure === 'AbortError') return t.keyCancelled;
  return registering ? t.registerFailed : t.keyFailed;
}

/**
 * The authorization-code flow's sign-in, as Keycloak's browser flow for HOMi: e-mail and password,
 * then — for a user with a second factor (support staff) — the security key if they added one (the
 * authenticator code as the other way), else the code. Asked with `kc_action=webauthn-register`, a
 * support or operator user is offered to add a key once the second factor is done. Dutch first,
 * English on request; errors beside their fields; a strict CSP of its own.
 */
export function createLoginPage(provider: Provider, users: UserStore, formTargets: string[], keys: SecurityKeyCeremonies) {
  const pending = new Map<string, Pending>();
  const headers = pageSecurityHeaders(formTargets);

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const details = await provider.interactionDetails(req, res).catch(() => undefined);
    const language = languageOf(url.searchParams.get('lang'), details?.params.ui_locales);
    const t = TEXTS[language];
    const show = (status: number, title: string, body: string, script?: 'security-key.js') =>
      sendPage(res, status, layout(language, title, body, { switchHref: `${url.pathname}?lang=${language === 'nl' ? 'en' : 'nl'}`, script }), headers);
    if (!details) return show(400, t.expiredTitle, `<h1>${t.expiredTitle}</h1><p>${t.expiredText}</p>`);

    if (details.prompt.name === 'consent') return grantConsent(provider, req, res, details);

    const uid = details.uid;
    const action = `${url.pathname}?lang=${language}`;
    const wantsKey = details.params.kc_action === REGISTER_KEY_ACTION;
    const restart = (errors: Errors = {}, email = '') => {
      pending.delete(uid);
      keys.cancel(uid);
      return show(200, t.title, passwordStep(language, action, errors, email));
    };
    const finish = (user: StoredUser, factor?: SecondFactor) => {
      pending.delete(uid);
      keys.cancel(uid);
      return provider.interactionFinished(req, res, { login: { accountId: user.id, ...loginLevel(factor) } }, { mergeWithLastSubmission: false });
    };
    const wait = (user: StoredUser, stage: Pending['stage'], factor?: SecondFactor): Pending => {
      const next = { accountId: user.id, expiresAt: Date.now() + SECOND_FACTOR_TTL_MS, attempts: 0, stage, factor };
      pending.set(uid, next);
      return next;
    };
    const render = async (user: StoredUser, at: Pending, error?: string) => {
      if (at.stage === 'code') return show(200, t.codeTitle, codeStep(language, action, error));
      if (at.stage === 'key') return show(200, t.keyTitle, keyStep(language, action, await keys.authenticationOptions(uid, user), Boolean(user.totpSecret), error), 'security-key.js');
      return show(200, t.registerTitle, registerStep(language, action, await keys.registrationOptions(uid, user), error), 'security-key.js');
    };
    /** A second factor proven: signed in, unless the app asked to add a key and this person may. */
    const secondFactorDone = (user: StoredUser, factor: SecondFactor) =>
      wantsKey && mayUseSecurityKey(user) ? render(user, wait(user, 'register', factor)) : finish(user, factor);

    const waiting = pending.get(uid);
    const live = waiting && waiting.expiresAt > Date.now() ? waiting : undefined;
    const liveUser = live ? users.get(live.accountId) : undefined;

    if (req.method !== 'POST') return live && liveUser ? render(liveUser, live) : show(200, t.title, passwordStep(language, action));
    const form = new URLSearchParams(await readBody(req));
    const step = form.get('step') ?? 'password';

    if (step === 'restart') return restart();
    if (live && step !== 'password') {
      if (!liveUser?.enabled) return restart({ form: t.disabled });
      if (step === 'code' && live.stage === 'code') {
        const code = (form.get('totp') ?? '').trim();
        if (!code) return render(liveUser, live, t.codeMissing);
        if (checkSecondFactor(liveUser, code) === 'otp') return secondFactorDone(liveUser, 'otp');
        if (++live.attempts >= MAX_CODE_ATTEMPTS) return restart({ form: t.codeWrong });
        return render(liveUser, live, t.codeWrong);
      }
      if (step === 'use-code' && live.stage === 'key' && liveUser.totpSecret) return render(liveUser, wait(liveUser, 'code'));
      if (step === 'key' && live.stage === 'key') {
        const failure = form.get('failure');
        if (failure) return render(liveUser, live, keyFailure(language, failure, false));
        const outcome = await keys.finishAuthentication(uid, form.get('credential') ?? '');
        if (outcome.ok) return secondFactorDone(liveUser, 'hwk');
        if (++live.attempts >= MAX_CODE_ATTEMPTS) return restart({ form: t.keyFailed });
        return render(liveUser, live, t.keyFailed);
      }
      if (live.stage === 'register' && live.factor && (step === 'register' || step === 'skip-register')) {
        if (step === 'skip-register') return finish(liveUser, live.factor);
        const failure = form.get('failure');
        if (failure) return render(liveUser, live, keyFailure(language, failure, true));
        const outcome = await keys.finishRegistration(uid, form.get('credential') ?? '');
        return outcome.ok ? finish(liveUser, live.factor) : render(liveUser, live, t.registerFailed);
      }
      return render(liveUser, live);
    }

    const email = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const missing: Errors = { ...(email ? {} : { email: t.emailMissing }), ...(password ? {} : { password: t.passwordMissing }) };
    if (missing.email || missing.password) return show(200, t.title, passwordStep(language, action, missing, email));
    const user = await users.authenticate(email, password);
    if (!user) return show(200, t.title, passwordStep(language, action, { password: t.wrongCredentials }, email));
    if (!user.enabled) return show(200, t.title, passwordStep(language, action, { form: t.disabled }, email));
    // A code sent along with the password (as the direct grant takes it) counts at once.
    const sentCode = form.get('totp') ?? undefined;
    if (sentCode) {
      const factor = checkSecondFactor(user, sentCode);
      if (factor === 'invalid') return show(200, t.title, passwordStep(language, action, { form: t.codeWrong }, email));
      return factor === 'otp' ? secondFactorDone(user, 'otp') : finish(user);
    }
    if (hasKey(user)) return render(user, wait(user, 'key'));
    if (user.totpSecret) return render(user, wait(user, 'code'));
    return finish(user);
  };
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Keycloak asks first-party clients for no consent: grant what was asked. */
async function grantConsent(provider: Provider, req: IncomingMessage, res: ServerResponse, details: Details): Promise<void> {
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
  if (!grant) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('Unknown grant');
    return;
  }
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
