import type { supportApi } from '@homi/contracts';
import { AppError, isId } from '@homi/service-kit';
import type { SupportAccessRequest } from '../domain/support-access-request';
import type { Deps } from './deps';
import type { ListPosition } from './ports';
import { SUPPORT_SIDE } from './request-support-access';

export interface RequestPage {
  items: SupportAccessRequest[];
  nextCursor: string | null;
}

/** A cursor names the last item shown: opaque to clients, checked when it comes back. */
export function encodeCursor(r: SupportAccessRequest): string {
  return Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): ListPosition | undefined {
  if (cursor === undefined) return undefined;
  const [at, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (extra !== undefined || !id || !isId(id, 'sar') || Number.isNaN(createdAt.getTime())) {
    throw new AppError('invalid', 'The cursor is not one this list returned.', { errors: [{ path: 'cursor', message: 'is not valid' }] });
  }
  return { createdAt, id };
}

function page(rows: SupportAccessRequest[], limit: number): RequestPage {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

type SupportAccessStatus = supportApi.SupportAccessStatus;

interface Query {
  limit: number;
  cursor?: string;
}

/** The tenant's support access requests and grants, newest first; only those in `status` when given. */
export async function listTenantSupportAccess(deps: Pick<Deps, 'uow'>, tenantId: string, q: Query & { status?: SupportAccessStatus[] }): Promise<RequestPage> {
  const after = decodeCursor(q.cursor);
  const rows = await deps.uow.forTenant(tenantId, ({ supportRequests }) => supportRequests.listForTenant(tenantId, q.limit + 1, after, q.status));
  return page(rows, q.limit);
}

/** A support user's own requests, or every write request awaiting a co-approval, newest first. */
export async function listSupportUserRequests(deps: Pick<Deps, 'uow'>, supportUserId: string, q: Query & { scope: 'mine' | 'awaiting_co_approval' }): Promise<RequestPage> {
  const after = decodeCursor(q.cursor);
  const rows = await deps.uow.acrossTenants(SUPPORT_SIDE, ({ supportRequests: requests }) =>
    q.scope === 'mine' ? requests.listOfSupportUserAcrossTenants(supportUserId, q.limit + 1, after) : requests.listAwaitingCoApprovalAcrossTenants(q.limit + 1, after));
  return page(rows, q.limit);
}
