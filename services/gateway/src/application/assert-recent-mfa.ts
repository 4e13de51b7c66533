import { AppError } from '@homi/service-kit';
import type { Principal } from '../domain/principal';
import { hasRecentMfa, type StepUpPolicy } from '../domain/step-up';

/**
 * Refuses a login that is not recent or not multi-factor with 401 `step-up-required` and the RFC 9470
 * challenge, which tells the client which `acr_values` and `max_age` to ask the issuer for.
 */
export function assertRecentMfa(principal: Principal, policy: StepUpPolicy, now = Date.now()): void {
  if (hasRecentMfa(principal, policy, Math.floor(now / 1000))) return;
  const minutes = Math.round(policy.maxAgeSeconds / 60);
  throw new AppError('unauthenticated', `Sign in again with a second factor; this needs one within the last ${minutes} minutes.`, {
    type: 'step-up-required',
    headers: {
      'WWW-Authenticate':
        'Bearer realm="homi", error="insufficient_user_authentication", ' +
        `error_description="A recent multi-factor sign-in is required", acr_values="${policy.acrValues.join(' ')}", max_age=${policy.maxAgeSeconds}`,
    },
  });
}

/**
 * Refuses a sign-in older than `maxAgeSeconds` (or of unknown age) with 401 `reauthentication-required`
 * and an RFC 9470 challenge naming `max_age`: for irreversible acts a stolen long-lived session must not do.
 */
export function assertRecentSignIn(principal: Principal, maxAgeSeconds: number, now = Date.now()): void {
  const age = principal.authTime === undefined ? Infinity : Math.floor(now / 1000) - principal.authTime;
  if (age <= maxAgeSeconds) return;
  throw new AppError('unauthenticated', `Sign in again first; this needs a sign-in of at most ${Math.round(maxAgeSeconds / 60)} minutes ago.`, {
    type: 'reauthentication-required',
    headers: {
      'WWW-Authenticate':
        'Bearer realm="homi", error="insufficient_user_authentication", ' +
        `error_description="A more recent sign-in is required", max_age=${maxAgeSeconds}`,
    },
  });
}
