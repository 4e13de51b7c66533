import { ACCESS_LEVELS, MODULES, ROLES, type AccessLevel, type Module, type Permissions, type Role } from '@homi/contracts';
import type { Membership } from '../../api/me';

// What the API's member rules obviously refuse, so that the screen can switch it off beforehand. The
// API stays the authority (identity's domain/member-rules.ts): its refusal is still shown if it comes.

const RANK: Record<Role, number> = { staff: 1, admin: 2, owner: 3 };
const LEVEL = (level: AccessLevel) => ACCESS_LEVELS.indexOf(level);

/** Roles the person may give: none above their own, owner only by an owner. */
export const mayGiveRole = (actor: Membership, role: Role) => RANK[role] <= RANK[actor.role];

/**
 * Whether `level` of `module` may be chosen: at most the person's own level, or the level the
 * colleague already holds (keeping it is no grant).
 */
export const mayGiveLevel = (actor: Membership, module: Module, level: AccessLevel, current?: AccessLevel) =>
  LEVEL(level) <= LEVEL(actor.permissions[module]) || level === current;

/** Whether the person can change or remove `target` at all: never themselves, never someone ranked above. */
export function mayTouch(actor: Membership, actorId: string, target: { userId: string; role: Role }): 'yes' | 'own' | 'outranked' {
  if (target.userId === actorId) return 'own';
  if (RANK[target.role] > RANK[actor.role]) return 'outranked';
  return 'yes';
}

/** What a role holds when nothing else is said (identity's defaults): owners and admins everything, staff nothing. */
export function defaultPermissions(role: Role): Permissions {
  const level: AccessLevel = role === 'staff' ? 'none' : 'edit';
  return Object.fromEntries(MODULES.map((m) => [m, level])) as Permissions;
}

/** A role's defaults, each lowered to what the person may give. */
export function grantableDefaults(actor: Membership, role: Role): Permissions {
  const defaults = defaultPermissions(role);
  return Object.fromEntries(
    MODULES.map((m) => [m, LEVEL(defaults[m]) <= LEVEL(actor.permissions[m]) ? defaults[m] : actor.permissions[m]]),
  ) as Permissions;
}

export { MODULES, ROLES };
