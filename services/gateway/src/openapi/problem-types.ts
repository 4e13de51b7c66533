import { PROBLEM_TYPE_BASE } from '@homi/service-kit';

export interface ProblemType {
  /** The last segment of the type URI; the full URI is PROBLEM_TYPE_BASE + name. */
  name: string;
  status: number;
  meaning: string;
}

/** The problem types the gateway itself answers with, which clients are expected to act on. */
export const GATEWAY_PROBLEM_TYPES: readonly ProblemType[] = [
  { name: 'token-required', status: 401, meaning: 'No access token was sent.' },
  { name: 'invalid-token', status: 401, meaning: 'The access token is invalid or expired: refresh it or sign in again.' },
  { name: 'account-unknown', status: 401, meaning: 'The token names an account HOMi does not know (never made through HOMi, or erased).' },
  { name: 'account-disabled', status: 401, meaning: 'The account is disabled or deleted; its tokens stopped working at once.' },
  {
    name: 'step-up-required',
    status: 401,
    meaning: 'Support access and the operator\'s routes need a recent multi-factor sign-in. `WWW-Authenticate` carries RFC 9470\'s ' +
      '`error="insufficient_user_authentication"` with the `acr_values` and `max_age` to ask the issuer for; sign in again, then retry.',
  },
  {
    name: 'reauthentication-required',
    status: 401,
    meaning: 'An irreversible act (deleting your account) needs a recent sign-in; `WWW-Authenticate` names the `max_age`. Sign in again, then retry.',
  },
  { name: 'module-permission-required', status: 403, meaning: 'A member of the tenant without the module level the route needs.' },
  {
    name: 'privacy-statement-acceptance-required',
    status: 403,
    meaning: 'The current privacy statement is not accepted. `currentVersion` names it: show it (GET /privacy-statement), ' +
      'POST the version to /me/privacy-statement-acceptances, then retry.',
  },
  { name: 'role-required', status: 403, meaning: 'A member of the tenant without the role (owner, admin) the decision needs.' },
  { name: 'realm-role-required', status: 403, meaning: 'The token lacks the realm role (such as `operator`) the route needs.' },
  {
    name: 'support-access-grant-required',
    status: 403,
    meaning: 'A HOMi support user without an active grant of this tenant: ask for access (POST /support/access-requests) and wait for an owner to approve.',
  },
  {
    name: 'support-access-out-of-scope',
    status: 403,
    meaning: 'A support user\'s grant does not cover this route: another module, a change under a read grant, or a route never open to support.',
  },
  { name: 'not-found', status: 404, meaning: 'No such resource, or a tenant the caller is not a member of.' },
  { name: 'method-not-allowed', status: 405, meaning: 'The API answers no HEAD requests; use GET.' },
  { name: 'rate-limited', status: 429, meaning: 'Too many requests; wait `Retry-After` seconds.' },
  { name: 'issuer-unavailable', status: 503, meaning: 'The sign-in service cannot be reached; keep the token and retry.' },
  { name: 'upstream-unavailable', status: 503, meaning: 'A service behind the gateway cannot be reached; retry.' },
  { name: 'service-unavailable', status: 503, meaning: 'A service cannot reach its database or the message bus right now; retry after `Retry-After` seconds.' },
  { name: 'upstream-timeout', status: 503, meaning: 'A service behind the gateway did not answer in time.' },
  { name: 'audit-unavailable', status: 503, meaning: 'The action could not be recorded in the tenant\'s audit log, so it was not carried out; retry.' },
  { name: 'support-grants-unavailable', status: 503, meaning: 'The gateway has not loaded the support grants yet; retry.' },
  { name: 'memberships-unavailable', status: 503, meaning: 'The gateway has not loaded the memberships yet; retry.' },
];

/** As published in the document (`x-problem-types`): with the full type URI. */
export const problemTypesExtension = () =>
  GATEWAY_PROBLEM_TYPES.map((p) => ({ type: PROBLEM_TYPE_BASE + p.name, status: p.status, description: p.meaning }));
