import { ACCESS_LEVELS, MODULES, type AccessLevel, type Permissions, type Role } from '@homi/contracts';
import { AppError } from '@homi/service-kit';

/** The part of a membership the rules look at. */
export interface MemberFacts {
  userId: string;
  role: Role;
  permissions: Permissions;
}

const RANK: Record<Role, number> = { staff: 1, admin: 2, owner: 3 };
const LEVEL = (level: AccessLevel) => ACCESS_LEVELS.indexOf(level);

const refuse = (detail: string, type: string) => new AppError('forbidden', detail, { type });

/** Nobody hands out more than they hold: a role above their own, or a module level above theirs. */
export function assertMayGrant(actor: MemberFacts, role: Role, next: Permissions, previous?: Permissions): void {
  if (role === 'owner' && actor.role !== 'owner') throw refuse('Only an owner can make someone an owner.', 'owner-role-required');
  if (RANK[role] > RANK[actor.role]) throw refuse(`You cannot give a role above your own (${actor.role}).`, 'role-not-allowed');
  for (const module of MODULES) {
    const raised = LEVEL(next[module]) > LEVEL(previous?.[module] ?? 'none');
    if (raised && LEVEL(next[module]) > LEVEL(actor.permissions[module])) {
      throw refuse(`You cannot grant ${module}:${next[module]}, which you do not hold yourself.`, 'permission-not-allowed');
    }
  }
}

/** An owner is touched only by owners; nobody touches a member ranked above them. */
function assertMayTouch(actor: MemberFacts, target: MemberFacts): void {
  if (target.role === 'owner' && actor.role !== 'owner') throw refuse('Only an owner can change or remove an owner.', 'owner-role-required');
  if (RANK[target.role] > RANK[actor.role]) throw refuse('You cannot change a member ranked above you.', 'role-not-allowed');
}

function lastOwner(): AppError {
  return new AppError('conflict', 'A tenant needs at least one owner: make someone else owner first.', { type: 'last-owner' });
}

/**
 * May `actor` change `target` to `role` with `permissions`? Never one's own membership; never the
 * tenant's last owner to anything but owner.
 */
export function assertMayChange(actor: MemberFacts, target: MemberFacts, role: Role, permissions: Permissions, owners: number): void {
  if (actor.userId === target.userId) throw refuse('You cannot change your own role or permissions.', 'own-membership');
  assertMayTouch(actor, target);
  assertMayGrant(actor, role, permissions, target.role === role ? target.permissions : undefined);
  if (target.role === 'owner' && role !== 'owner' && owners <= 1) throw lastOwner();
}

/** May `actor` remove `target`? Leaving oneself is allowed, except for the last owner. */
export function assertMayRemove(actor: MemberFacts, target: MemberFacts, owners: number): void {
  if (actor.userId !== target.userId) assertMayTouch(actor, target);
  if (target.role === 'owner' && owners <= 1) throw lastOwner();
}
