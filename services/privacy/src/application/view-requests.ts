import { IsolationLevel } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { invalid, notFound, type CallerContext } from '@homi/service-kit';
import { maySee } from '../domain/access';
import type { PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import { RequestRepository } from '../infrastructure/request-repository';
import type { Deps } from './deps';

export interface RequestView {
  request: PrivacyRequest;
  tasks: OwnerTask[];
  now: Date;
}

/** One request with its per-owner progress, for its requester (and the privacy officer); else not found. */
export async function getRequest(deps: Deps, caller: CallerContext, id: string): Promise<RequestView> {
  // One snapshot: read apart, an owner's answer committing in between shows its task done on a request still `received`.
  const { request, tasks } = await deps.db.fork().transactional(async (em) => {
    const repo = new RequestRepository(em);
    const found = await repo.get(id);
    return { request: found, tasks: found ? await repo.tasks(id) : [] };
  }, { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  if (!request || !maySee(caller, request)) throw notFound('Privacy request');
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

/** The caller's own requests, newest first. */
export async function listRequests(deps: Deps, caller: CallerContext, limit: number, cursor?: string): Promise<{ items: RequestView[]; nextCursor: string | null }> {
  const repo = new RequestRepository(deps.db.fork());
  const rows = await repo.byRequester(caller.userId, limit + 1, decodeCursor(cursor));
  const page = rows.slice(0, limit);
  const tasks = await repo.tasksOf(page.map((r) => r.id));
  const now = deps.clock();
  const items = page.map((request) => ({ request, tasks: tasks.filter((t) => t.requestId === request.id), now }));
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify({ receivedAt: last.receivedAt.toISOString(), id: last.id })).toString('base64url') : null;
  return { items, nextCursor };
}
