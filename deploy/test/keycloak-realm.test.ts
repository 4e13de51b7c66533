import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The realm's authentication flows as code, checked offline (Keycloak does not run here): every
// reference resolves, every authenticator and required action is one Keycloak 26 ships, and walking
// the browser flow for a person's realm roles shows which second factors they are asked for.
const realm = JSON.parse(readFileSync(resolve(__dirname, '../keycloak/homi-realm.json'), 'utf8')) as Realm;

interface Execution {
  authenticator?: string;
  flowAlias?: string;
  authenticatorConfig?: string;
  requirement: string;
  priority: number;
  autheticatorFlow: boolean;
  userSetupAllowed: boolean;
}
interface Flow { alias: string; providerId: string; topLevel: boolean; authenticationExecutions: Execution[] }
interface Realm {
  browserFlow: string;
  directGrantFlow: string;
  authenticationFlows: Flow[];
  authenticatorConfig: { alias: string; config: Record<string, string> }[];
  requiredActions: { alias: string; providerId: string; enabled: boolean }[];
  attributes: Record<string, string>;
  [key: string]: unknown;
}

// Authenticator provider ids of Keycloak 26's built-in authenticators and conditions that HOMi's flows may use.
const KEYCLOAK_AUTHENTICATORS = new Set([
  'auth-cookie', 'auth-username-password-form', 'auth-otp-form', 'webauthn-authenticator', 'conditional-user-role',
  'conditional-level-of-authentication', 'conditional-user-configured', 'direct-grant-validate-username',
  'direct-grant-validate-password', 'direct-grant-validate-otp', 'identity-provider-redirector',
]);
const KEYCLOAK_REQUIRED_ACTIONS = new Set([
  'CONFIGURE_TOTP', 'TERMS_AND_CONDITIONS', 'UPDATE_PASSWORD', 'UPDATE_PROFILE', 'VERIFY_EMAIL', 'delete_account',
  'webauthn-register', 'webauthn-register-passwordless', 'VERIFY_PROFILE', 'delete_credential', 'update_user_locale',
  'CONFIGURE_RECOVERY_AUTHN_CODES', 'idp_link',
]);
const REQUIREMENTS = new Set(['REQUIRED', 'ALTERNATIVE', 'CONDITIONAL', 'DISABLED']);

const flow = (alias: string) => {
  const found = realm.authenticationFlows.find((f) => f.alias === alias);
  if (!found) throw new Error(`no flow ${alias}`);
  return found;
};
const configOf = (alias?: string) => realm.authenticatorConfig.find((c) => c.alias === alias)?.config ?? {};
const executions = () => realm.authenticationFlows.flatMap((f) => f.authenticationExecutions);

/** Whether a conditional subflow's conditions (all must hold) hold for someone with these realm roles. */
function conditionsHold(sub: Flow, roles: string[]): boolean {
  return sub.authenticationExecutions
    .filter((e) => e.authenticator === 'conditional-user-role')
    .every((e) => {
      const config = configOf(e.authenticatorConfig);
      return roles.includes(String(config.condUserRole)) !== (config.negate === 'true');
    });
}

/** The second-factor choices a first (level 1) browser sign-in asks of someone with these roles, per prompt. */
function secondFactorPrompts(roles: string[]): string[][] {
  return flow('homi level 1').authenticationExecutions
    .filter((e) => e.requirement === 'CONDITIONAL' && e.flowAlias)
    .map((e) => flow(String(e.flowAlias)))
    .filter((sub) => conditionsHold(sub, roles))
    .map((sub) => sub.authenticationExecutions.filter((e) => e.requirement === 'ALTERNATIVE').map((e) => String(e.authenticator)));
}

describe('the Keycloak realm homi, offline', () => {
  it('resolves every flow and config reference, with known authenticators and requirements', () => {
    expect(flow(realm.browserFlow).topLevel).toBe(true);
    expect(flow(realm.directGrantFlow).topLevel).toBe(true);
    for (const e of executions()) {
      expect(REQUIREMENTS).toContain(e.requirement);
      if (e.flowAlias) expect([e.flowAlias, flow(e.flowAlias).topLevel, e.autheticatorFlow]).toEqual([e.flowAlias, false, true]);
      else expect([e.authenticator, KEYCLOAK_AUTHENTICATORS.has(String(e.authenticator))]).toEqual([e.authenticator, true]);
      if (e.authenticatorConfig) expect(realm.authenticatorConfig.map((c) => c.alias)).toContain(e.authenticatorConfig);
    }
    // One execution per config (Keycloak ties a config to its execution), and no config left unused.
    const used = executions().flatMap((e) => (e.authenticatorConfig ? [e.authenticatorConfig] : []));
    expect(new Set(used).size).toBe(used.length);
    expect(realm.authenticatorConfig.map((c) => c.alias).sort()).toEqual([...used].sort());
    // Every subflow is reached from exactly one place.
    const subflows = executions().flatMap((e) => (e.flowAlias ? [e.flowAlias] : []));
    expect(realm.authenticationFlows.filter((f) => !f.topLevel).map((f) => f.alias).sort()).toEqual([...subflows].sort());
  });

  it('asks support and operator staff once for a second factor: the authenticator code or a security key', () => {
    const both = ['auth-otp-form', 'webauthn-authenticator'];
    expect(secondFactorPrompts(['support'])).toEqual([both]);
    expect(secondFactorPrompts(['operator'])).toEqual([both]);
    expect(secondFactorPrompts(['support', 'operator'])).toEqual([both]);
    expect(secondFactorPrompts(['default-roles-homi'])).toEqual([]);
  });

  it('names each factor in amr as the gateway reads it (pwd, otp, hwk) and accepts a key for the level-2 step-up too', () => {
    for (const e of executions()) {
      const reference = configOf(e.authenticatorConfig)['default.reference.value'];
      if (e.authenticator === 'webauthn-authenticator') expect(reference).toBe('hwk');
      if (e.authenticator === 'auth-otp-form' || e.authenticator === 'direct-grant-validate-otp') expect(reference).toBe('otp');
      if (e.authenticator === 'auth-username-password-form' || e.authenticator === 'direct-grant-validate-password') expect(reference).toBe('pwd');
    }
    expect(flow('homi level 2').authenticationExecutions.filter((e) => e.requirement === 'ALTERNATIVE').map((e) => e.authenticator))
      .toEqual(['auth-otp-form', 'webauthn-authenticator']);
    expect(JSON.parse(realm.attributes['acr.loa.map'] ?? '{}')).toEqual({ 1: 1, 2: 2 });
  });

  it('has a WebAuthn policy for a second factor: the person verified on the key, no attestation asked, one registration per key', () => {
    expect(realm).toMatchObject({
      webAuthnPolicyRpEntityName: 'HOMi',
      webAuthnPolicySignatureAlgorithms: ['ES256', 'RS256'],
      webAuthnPolicyUserVerificationRequirement: 'required',
      webAuthnPolicyAttestationConveyancePreference: 'none',
      webAuthnPolicyAvoidSameAuthenticatorRegister: true,
    });
    const actions = new Map(realm.requiredActions.map((a) => [a.alias, a]));
    for (const a of realm.requiredActions) expect([a.alias, KEYCLOAK_REQUIRED_ACTIONS.has(a.providerId)]).toEqual([a.alias, true]);
    expect(actions.get('webauthn-register')?.enabled).toBe(true);
    expect(actions.get('CONFIGURE_TOTP')?.enabled).toBe(true);
    // A key is a second factor here, never the only one.
    expect(actions.get('webauthn-register-passwordless')?.enabled).toBe(false);
  });
});
