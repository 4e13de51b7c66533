import {
  generateAuthenticationOptions, generateRegistrationOptions, type AuthenticatorTransport, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import type { SecurityKey, StoredUser, UserStore } from './users';

// WebAuthn for HOMi's own staff, as Keycloak's WebAuthn policy has it: a key bound to the issuer's host
// name, user verification required (a PIN or biometric on the key: the key alone is not a second
// factor), no attestation asked, ES256 or RS256. The ceremonies' arithmetic is @simplewebauthn/server's;
// this module owns the challenges and the stored keys.

/** Realm roles that may (and are offered to) sign in with a security key besides their authenticator app. */
export const SECURITY_KEY_ROLES = ['support', 'operator'] as const;

export const mayUseSecurityKey = (user: StoredUser) => SECURITY_KEY_ROLES.some((role) => user.roles.has(role));

/** Where keys are valid: the issuer's host name (rpId) and the origins its pages are served from. */
export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

/** How long a challenge may be answered: Keycloak's default WebAuthn timeout. */
export const CEREMONY_TTL_MS = 5 * 60_000;

interface Ceremony {
  kind: 'registration' | 'authentication';
  accountId: string;
  challenge: string;
  expiresAt: number;
}

export type CeremonyRefusal = 'no-ceremony' | 'malformed' | 'unknown-key' | 'not-verified';
export type CeremonyOutcome = { ok: true; key: SecurityKey } | { ok: false; reason: CeremonyRefusal };

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/).max(8192);
const clientResponse = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});
const registrationResponse = clientResponse.extend({
  response: z.object({
    clientDataJSON: base64url, attestationObject: base64url, transports: z.array(z.string().max(32)).max(8).optional(),
  }).passthrough(),
});
const authenticationResponse = clientResponse.extend({
  response: z.object({
    clientDataJSON: base64url, authenticatorData: base64url, signature: base64url, userHandle: base64url.optional(),
  }).passthrough(),
});

function parse<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

const TRANSPORTS: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];
const transportsOf = (key: SecurityKey) => key.transports.filter((t) => TRANSPORTS.includes(t)) as AuthenticatorTransport[];

/**
 * Registration and assertion ceremonies, one at a time per sign-in attempt (`attempt`: the
 * interaction's uid). A challenge is taken out when an answer arrives, so it counts once — verified or
 * not — and lapses after CEREMONY_TTL_MS.
 */
export class SecurityKeyCeremonies {
  private readonly pending = new Map<string, Ceremony>();

  constructor(private readonly rp: RelyingParty, private readonly users: UserStore, private readonly now = () => Date.now()) {}

  async registrationOptions(attempt: string, user: StoredUser): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const options = await generateRegistrationOptions({
      rpName: this.rp.name,
      rpID: this.rp.id,
      userName: user.username,
      userDisplayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: (user.securityKeys ?? []).map((key) => ({ id: key.id, transports: transportsOf(key) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: [-7, -257],
      timeout: CEREMONY_TTL_MS,
    });
    this.begin(attempt, 'registration', user.id, options.challenge);
    return options;
  }

  /** Verifies the browser's answer to registrationOptions and keeps the new key with its user. */
  async finishRegistration(attempt: string, answer: string): Promise<CeremonyOutcome> {
    const ceremony = this.take(attempt, 'registration');
    if (!ceremony) return { ok: false, reason: 'no-ceremony' };
    const response = parse(registrationResponse, answer);
    if (!response) return { ok: false, reason: 'malformed' };
    const verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: this.rp.origins,
      expectedRPID: this.rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: [-7, -257],
    }).catch(() => undefined);
    if (!verified?.verified) return { ok: false, reason: 'not-verified' };
    const { credential } = verified.registrationInfo;
    const key: SecurityKey = {
      id: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: response.response.transports ?? [],
      createdAt: this.now(),
    };
    this.users.addSecurityKey(ceremony.accountId, key);
    return { ok: true, key };
  }

  async authenticationOptions(attempt: string, user: StoredUser): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await generateAuthenticationOptions({
      rpID: this.rp.id,
      allowCredentials: (user.securityKeys ?? []).map((key) => ({ id: key.id, transports: transportsOf(key) })),
      userVerification: 'required',
      timeout: CEREMONY_TTL_MS,
    });
    this.begin(attempt, 'authentication', user.id, options.challenge);
    return options;
  }

  /**
   * Verifies the browser's answer to authenticationOptions against the user's own keys: right
   * challenge, origin and host, user verified, and a signature counter that moved on (a cloned key
   * shows an old one). The stored counter follows.
   */
  async finishAuthentication(attempt: string, answer: string): Promise<CeremonyOutcome> {
    const ceremony = this.take(attempt, 'authentication');
    if (!ceremony) return { ok: false, reason: 'no-ceremony' };
    const response = parse(authenticationResponse, answer);
    if (!response) return { ok: false, reason: 'malformed' };
    const key = this.users.get(ceremony.accountId)?.securityKeys?.find((k) => k.id === response.id);
    if (!key) return { ok: false, reason: 'unknown-key' };
    const verified = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: this.rp.origins,
      expectedRPID: this.rp.id,
      credential: { id: key.id, publicKey: Buffer.from(key.publicKey, 'base64url'), counter: key.counter, transports: transportsOf(key) },
      requireUserVerification: true,
    }).catch(() => undefined);
    if (!verified?.verified) return { ok: false, reason: 'not-verified' };
    this.users.setSecurityKeyCounter(ceremony.accountId, key.id, verified.authenticationInfo.newCounter);
    return { ok: true, key };
  }

  /** Forgets the attempt's ceremony (the person went back, or the attempt ended). */
  cancel(attempt: string): void {
    this.pending.delete(attempt);
  }

  private begin(attempt: string, kind: Ceremony['kind'], accountId: string, challenge: string): void {
    for (const [uid, c] of this.pending) if (c.expiresAt <= this.now()) this.pending.delete(uid);
    this.pending.set(attempt, { kind, accountId, challenge, expiresAt: this.now() + CEREMONY_TTL_MS });
  }

  private take(attempt: string, kind: Ceremony['kind']): Ceremony | undefined {
    const ceremony = this.pending.get(attempt);
    this.pending.delete(attempt);
    return ceremony && ceremony.kind === kind && ceremony.expiresAt > this.now() ? ceremony : undefined;
  }
}
