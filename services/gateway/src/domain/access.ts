import type { AccessLevel, Membership, Module } from '@homi/contracts';

/** What a route asks of the caller in the tenant of its path. */
export type AccessRule = { kind: 'member' } | { kind: 'module'; module: Module; level: Exclude<AccessLevel, 'none'> };

export const anyMember: AccessRule = { kind: 'member' };
export const needs = (module: Module, level: Exclude<AccessLevel, 'none'>): AccessRule => ({ kind: 'module', module, level });

/**
 * `not-member` must be answered exactly like a tenant that does not exist, so that probing tenant
 * ids tells an outsider nothing; `insufficient` may say which permission is missing.
 */
export type AccessDecision = 'allowed' | 'not-member' | 'insufficient';

const RANK: Record<AccessLevel, number> = { none: 0, view: 1, edit: 2 };

export function decideAccess(membership: Membership | undefined, rule: AccessRule): AccessDecision {
  if (!membership) return 'not-member';
  if (rule.kind === 'member') return 'allowed';
  return RANK[membership.permissions[rule.module]] >= RANK[rule.level] ? 'allowed' : 'insufficient';
}

export function describeRule(rule: AccessRule): string {
  return rule.kind === 'member' ? 'any member of the tenant' : `${rule.module}:${rule.level}`;
}
