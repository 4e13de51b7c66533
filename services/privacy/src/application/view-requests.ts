import { IsolationLevel } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { invalid, notFound, type CallerContext } from '@homi/service-kit';
import { clientRightsRequired, mayActForClients, standingOn } from '../domain/access';
import type { PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import { RequestRepository } from '../infrastructure/request-repository';
import type { Deps } from './deps';

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
export async function getRequest(deps: Deps, caller: CallerContext, id: string): Promise<RequestView> {
  // One snapshot: read apart, an owner's answer committing in between shows its task done on a request still `received`.
  const { request, tasks } = await deps.db.fork().transactional(async (em) => {
    const repo = new RequestRepository(em);
    const found = await repo.get(id);
    return { request: found, tasks: found ? await repo.tasks(id) : [] };
  }, { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
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
export async function listRequests(deps: Deps, caller: CallerContext, query: { limit: number; cursor?: string }): Promise<{ items: RequestView[]; nextCursor: string | null }> {
  const { limit } = query;
  const repo = new RequestRepository(deps.db.fork());
  const rows = await repo.byRequester(caller.userId, limit + 1, decodeCursor(query.cursor), clientRightsOf(caller));
  const page = rows.slice(0, limit);
  const tasks = await repo.tasksOf(page.map((r) => r.id));
  const now = deps.clock();
  const items = page.map((request) => ({ request, tasks: tasks.filter((t) => t.requestId === request.id), now }));
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify({ receivedAt: last.receivedAt.toISOString(), id: last.id })).toString('base64url') : null;
  return { items, nextCursor };
}
