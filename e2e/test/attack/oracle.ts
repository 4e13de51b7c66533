import type { AccessLevel } from '@homi/contracts';
import type { ApiRoute } from '../../../services/gateway/src/http/api-route';
import type { Caller, Grant } from './cast';

/** What the gateway must do with a call: let it through to the service, or refuse it with this status and problem type. */
export type Verdict = { pass: true } | { pass: false; status: 401 | 403 | 404; type: string };

const RANK: Record<AccessLevel, number> = { none: 0, view: 1, edit: 2 };
const PASS: Verdict = { pass: true };
const refuse = (status: 401 | 403 | 404, type: string): Verdict => ({ pass: false, status, type });

type Requirement = { module: string; level: 'view' | 'edit' };
type TenantRule = Extract<ApiRoute['audience'], { kind: 'tenant' }>;

/** The module levels a tenant route's rule asks for; empty for a rule that is not about modules. */
function requirements(audience: TenantRule): Requirement[] {
  const { access } = audience;
  if (access.kind !== 'module') return [];
  return [{ module: access.module, level: access.level }, ...(access.and ? [access.and] : [])];
}

const grantCovers = (grant: Grant, { module, level }: Requirement) =>
  grant.modules.includes(module as never) && (level === 'view' || grant.mode === 'write');

/** A member holding `level` on every module, with `role`: does the rule admit them? */
function memberVerdict(audience: TenantRule, role: 'owner' | 'admin' | 'staff', level: AccessLevel): Verdict {
  const { access } = audience;
  switch (access.kind) {
    case 'member': return PASS;
    case 'role': return access.roles.includes(role) ? PASS : refuse(403, 'role-required');
    case 'module':
      return requirements(audience).every((r) => RANK[level] >= RANK[r.level]) ? PASS : refuse(403, 'module-permission-required');
  }
}

/**
 * The gateway's verdict, worked out from the route's declared audience alone (not with the gateway's
 * own code), for each kind of caller. The callers that are not members of the institute: another
 * institute's owner, a removed member and an operator are told it does not exist; a support user
 * gets in only under a grant covering every module level the route needs, never on a role rule or a
 * route closed to support.
 */
export function verdict(route: ApiRoute, caller: Caller): Verdict {
  const { audience } = route;
  if (audience.kind === 'public') return PASS;
  if (caller.kind === 'anonymous') return refuse(401, 'token-required');
  if (audience.kind === 'user') return PASS;
  if (audience.kind === 'realm-role') return caller.kind === audience.role ? PASS : refuse(403, 'realm-role-required');
  switch (caller.kind) {
    case 'owner': return memberVerdict(audience, 'owner', 'edit');
    case 'admin':
    case 'staff': return memberVerdict(audience, caller.kind, caller.level ?? 'none');
    case 'outsider':
    case 'removed':
    case 'operator': return refuse(404, 'not-found');
    case 'support': {
      if (!caller.grant) return refuse(403, 'support-access-grant-required');
      const needs = requirements(audience);
      const open = audience.support !== 'never' && needs.length > 0 && needs.every((r) => grantCovers(caller.grant!, r));
      return open ? PASS : refuse(403, 'support-access-out-of-scope');
    }
  }
}
