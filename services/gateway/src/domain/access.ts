import type { AccessLevel, Membership, Module, Role } from '@homi/contracts';

/** What a route asks of the caller in the tenant of its path. */
export type AccessRule =
  | { kind: 'member' }
  /** A module level, and where the route also reaches into another module's data, that one's level too. */
  | { kind: 'module'; module: Module; level: Exclude<AccessLevel, 'none'>; and?: ModuleLevel }
  /** A decision only the tenant's owners (and admins where listed) may take, whatever their module levels. */
  | { kind: 'role'; roles: readonly Role[] };

export interface ModuleLevel {
  module: Module;
  level: Exclude<AccessLevel, 'none'>;
}

export const anyMember: AccessRule = { kind: 'member' };
export const needs = (module: Module, level: Exclude<AccessLevel, 'none'>, and?: ModuleLevel): AccessRule =>
  and ? { kind: 'module', module, level, and } : { kind: 'module', module, level };
export const roles = (...allowed: Role[]): AccessRule => ({ kind: 'role', roles: allowed });

/**
 * `not-member` must be answered exactly like a tenant that does not exist, so that probing tenant
 * ids tells an outsider nothing; `insufficient` may say which permission is missing.
 */
export type AccessDecision = 'allowed' | 'not-member' | 'insufficient';

const RANK: Record<AccessLevel, number> = { none: 0, view: 1, edit: 2 };

const holds = (membership: Membership, { module, level }: ModuleLevel) => RANK[membership.permissions[module]] >= RANK[level];

export function decideAccess(membership: Membership | undefined, rule: AccessRule): AccessDecision {
  if (!membership) return 'not-member';
  switch (rule.kind) {
    case 'member': return 'allowed';
    case 'role': return rule.roles.includes(membership.role) ? 'allowed' : 'insufficient';
    case 'module': return holds(membership, rule) && (!rule.and || holds(membership, rule.and)) ? 'allowed' : 'insufficient';
  }
}

export function describeRule(rule: AccessRule): string {
  switch (rule.kind) {
    case 'member': return 'any member of the tenant';
    case 'role': return `the role ${rule.roles.join(' or ')}`;
    case 'module': return `${rule.module}:${rule.level}` + (rule.and ? ` and ${rule.and.module}:${rule.and.level}` : '');
  }
}
