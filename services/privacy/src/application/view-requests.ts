import { z } from 'zod';
import { invalid, notFound, type CallerContext } from '@homi/service-kit';
import { clientRightsRequired, mayActForClients, standingOn } from '../domain/access';
import type { PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import type { Deps } from './deps';
import { REQUEST_WORK } from './request-work';

export interface RequestView {
  request: PrivacyRequest;
  tasks: OwnerTask[];
  now: Date;
}

/** Not found for a caller the request does not concern; 403 for one who lacks the client rights it needs now. */
export function assertStanding(caller: CallerContext, request: PrivacyRequest): void {
  const standing = standingOn(caller, request);
  if (standing === 'unrelated') throw notFound('Privacy request');
  if (standing === 'lacks-rights') throw clientRightsRequired(request.type);
}

/** One request with its per-owner progress, for its requester (with their client rights now) and the privacy officer; else not found. */
export async function getRequest(deps: Pick<Deps, 'uow' | 'clock'>, caller: CallerContext, id: string): Promise<RequestView> {
  // One snapshot: read apart, an owner's answer committing in between shows its task done on a request still `received`.
  const { request, tasks } = await deps.uow.snapshot(REQUEST_WORK, async ({ requests }) => {
    const found = await requests.get(id);
    return { request: found, tasks: found ? await requests.tasks(id) : [] };
  });
  if (!request) throw notFound('Privacy request');
  assertStanding(caller, request);
  return { request, tasks, now: deps.clock() };
}

const Cursor = z.strictObject({ receivedAt: z.iso.datetime(), id: z.string().max(64) });

export function decodeCursor(cursor: string | undefined) {
  if (cursor === undefined) return undefined;
  const parsed = Cursor.safeParse((() => {
    try {
      return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  })());
  if (!parsed.success) throw invalid('The cursor is not one this list returned.', [{ path: 'cursor', message: 'must be a cursor returned by a previous page' }]);
  return parsed.data;
}

/** Where the caller may follow requests about clients now: access requests (view) and every request (edit). */
function clientRightsOf(caller: CallerContext): { view: string[]; edit: string[] } {
  const tenants = Object.keys(caller.memberships ?? {});
  return {
    view: tenants.filter((t) => mayActForClients(caller, t, 'access')),
    edit: tenants.filter((t) => mayActForClients(caller, t, 'erasure')),
  };
}

/** The caller's own requests, newest first, less those about clients of an institute where they lack the client rights now. */
export async function listRequests(
  deps: Pick<Deps, 'uow' | 'clock'>,
  caller: CallerContext,
  query: { limit: number; cursor?: string },
): Promise<{ items: RequestView[]; nextCursor: string | null }> {
  const { limit } = query;
  const after = decodeCursor(query.cursor);
  const { rows, page, tasks } = await deps.uow.snapshot(REQUEST_WORK, async ({ requests }) => {
    const found = await requests.byRequester(caller.userId, limit + 1, after, clientRightsOf(caller));
    const shown = found.slice(0, limit);
    return { rows: found, page: shown, tasks: await requests.tasksOf(shown.map((r) => r.id)) };
  });
  const now = deps.clock();
  const items = page.map((request) => ({ request, tasks: tasks.filter((t) => t.requestId === request.id), now }));
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify({ receivedAt: last.receivedAt.toISOString(), id: last.id })).toString('base64url') : null;
  return { items, nextCursor };
}
