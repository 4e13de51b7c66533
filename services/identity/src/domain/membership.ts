import { fullPermissions, noPermissions, type Permissions, type Role } from '@homi/contracts';
import { AppError } from '@homi/service-kit';

/** A user's membership of one tenant: a tenant-owned row, isolated like tenant-data's rows (ADR 4). */
export class Membership {
  createdAt: Date;
  updatedAt: Date;

  constructor(
    readonly tenantId: string,
    readonly userId: string,
    public role: Role,
    public permissions: Permissions,
    now: Date,
  ) {
    this.createdAt = now;
    this.updatedAt = now;
  }
}

/** What a role holds when nothing else is said: owners and admins everything, staff nothing. */
export function defaultPermissions(role: Role): Permissions {
  return role === 'staff' ? noPermissions() : fullPermissions();
}

/**
 * The permissions a membership ends up with. An owner always holds every permission; otherwise
 * the given levels apply on top of `base` (the current permissions, or the role's defaults).
 */
export function resolvePermissions(role: Role, given: Partial<Permissions> | undefined, base?: Permissions): Permissions {
  if (role === 'owner') return fullPermissions();
  return { ...(base ?? defaultPermissions(role)), ...stripUndefined(given) };
}

function stripUndefined(given: Partial<Permissions> | undefined): Partial<Permissions> {
  return Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined));
}

/** An owner holds every permission; asking for less is a mistake rather than something to ignore. */
export function assertPermissionsFitRole(role: Role, given: Partial<Permissions> | undefined): void {
  if (role !== 'owner' || !given) return;
  const lower = Object.entries(given).filter(([, level]) => level !== undefined && level !== 'edit');
  if (lower.length > 0) {
    throw new AppError('invalid', 'An owner always holds every permission.', {
      errors: lower.map(([module]) => ({ path: `permissions.${module}`, message: 'an owner always has edit' })),
    });
  }
}
