import type { AccessLevel, Module, Role } from '@homi/contracts';
import type { Membership } from '../api/me';
import { useAuthState } from '../auth/auth-context';
import { useOptionalTenant } from './tenant-context';

const RANK: Record<AccessLevel, number> = { none: 0, view: 1, edit: 2 };

/** True when `granted` is at least `needed` (edit includes view). */
export const levelAtLeast = (granted: AccessLevel, needed: AccessLevel) => RANK[granted] >= RANK[needed];

/** The rule itself, for code that picks among modules (the first area to open); render with useCan. */
export const can = (membership: Membership, module: Module, level: Exclude<AccessLevel, 'none'>) =>
  levelAtLeast(membership.permissions[module], level);

/**
 * Whether the signed-in person may use `module` at `level` in the current institute — the ONE
 * place rendering asks. A module at `none` is not shown at all; at `view`, no edit controls are.
 * The API stays the authority: this only decides what to show.
 */
export function useCan(module: Module, level: Exclude<AccessLevel, 'none'>): boolean {
  const membership = useOptionalTenant();
  return membership ? can(membership, module, level) : false;
}

/** The rule for decisions that belong to a role rather than a module level (support access, the audit log). */
export const hasRole = (membership: Membership, roles: readonly Role[]) => roles.includes(membership.role);

/**
 * Whether the signed-in person holds one of `roles` in the current institute: for what the API
 * gives a role (owners decide on support access; owners and admins read the audit log). As useCan.
 */
export function useTenantRole(...roles: Role[]): boolean {
  const membership = useOptionalTenant();
  return membership ? hasRole(membership, roles) : false;
}

/** Whether the token carries a realm role (`support`, `operator`): for the areas of HOMi's own staff. */
export function useRealmRole(role: 'support' | 'operator'): boolean {
  const state = useAuthState();
  return state.status === 'signed-in' && state.roles.includes(role);
}
