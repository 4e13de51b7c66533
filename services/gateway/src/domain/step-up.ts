import type { Principal } from './principal';

/** How recent and how strong a login must be for support access (RFC 9470 step-up). */
export interface StepUpPolicy {
  /** `auth_time` at most this many seconds ago. */
  maxAgeSeconds: number;
  /** `acr` values that prove a second factor (Keycloak's level-of-assurance 2 is `"2"`). */
  acrValues: readonly string[];
}

/** RFC 8176 `amr` values that mean a second factor was used. */
export const MFA_METHODS: readonly string[] = ['otp', 'hwk', 'swk', 'mfa'];

/** Allowed skew between the issuer's clock and ours for an `auth_time` that lies in the future. */
const CLOCK_SKEW_SECONDS = 30;

/**
 * A login is recent enough when `auth_time` lies within the policy's age, and strong enough when
 * either its `acr` is one of the accepted levels or its `amr` names a second factor. Without
 * `auth_time` the login's age is unknown, which never counts as recent.
 */
export function hasRecentMfa(principal: Principal, policy: StepUpPolicy, nowSeconds: number): boolean {
  const { authTime, acr, amr } = principal;
  if (authTime === undefined) return false;
  const age = nowSeconds - authTime;
  if (age > policy.maxAgeSeconds || age < -CLOCK_SKEW_SECONDS) return false;
  return (acr !== undefined && policy.acrValues.includes(acr)) || (amr ?? []).some((method) => MFA_METHODS.includes(method));
}
