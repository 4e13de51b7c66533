import { noPermissions, type Module, type Permissions, type SupportGrant } from '@homi/contracts';

/** What a tenant route lets a HOMi support user do under a grant: one module level, or nothing at all. */
export type SupportRule =
  | { kind: 'module'; module: Module; level: 'view' | 'edit'; and?: { module: Module; level: 'view' | 'edit' } }
  | { kind: 'never' };

export const neverForSupport: SupportRule = { kind: 'never' };

/** A read grant gives view on its modules, a write grant edit. */
export const grantLevel = (grant: SupportGrant): 'view' | 'edit' => (grant.mode === 'write' ? 'edit' : 'view');

/**
 * Judged by the gateway's own clock, not by the key's presence in the bucket: access ends on time even
 * when identity deletes the key late, and a grant approved for later does not start early.
 */
export function isGrantActive(grant: SupportGrant, now: number): boolean {
  return Date.parse(grant.startsAt) <= now && now < Date.parse(grant.expiresAt);
}

export function grantCovers(grant: SupportGrant, rule: SupportRule): boolean {
  if (rule.kind === 'never') return false;
  const covers = ({ module, level }: { module: Module; level: 'view' | 'edit' }) =>
    grant.modules.includes(module) && (level === 'view' || grantLevel(grant) === 'edit');
  return covers(rule) && (!rule.and || covers(rule.and));
}

/** The permissions a service is told a support user has: the grant's modules at its level, all else none. */
export function grantPermissions(grant: SupportGrant): Permissions {
  const level = grantLevel(grant);
  return { ...noPermissions(), ...Object.fromEntries(grant.modules.map((module) => [module, level])) };
}

/** Of several grants (at least one), the one that ends last. */
export const longestLasting = (grants: readonly SupportGrant[]): SupportGrant =>
  grants.reduce((a, b) => (Date.parse(b.expiresAt) > Date.parse(a.expiresAt) ? b : a));

export type SupportDecision =
  | { kind: 'allowed'; grant: SupportGrant }
  | { kind: 'no-grant' }
  | { kind: 'out-of-scope'; grants: SupportGrant[] };

/**
 * Among a support user's grants for one tenant, the active one that covers the route. Of several, the
 * one that lasts longest, so a call is not attributed to a grant about to end.
 */
export function decideSupportAccess(grants: readonly SupportGrant[], rule: SupportRule, now: number): SupportDecision {
  const active = grants.filter((grant) => isGrantActive(grant, now));
  if (active.length === 0) return { kind: 'no-grant' };
  const covering = active.filter((grant) => grantCovers(grant, rule));
  if (covering.length === 0) return { kind: 'out-of-scope', grants: active };
  return { kind: 'allowed', grant: longestLasting(covering) };
}
