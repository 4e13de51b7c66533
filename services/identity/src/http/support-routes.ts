import { Router, type Request } from 'express';
import { supportApi, supportRequestId } from '@homi/contracts';
import { notFound, parseInput } from '@homi/service-kit';
import { coApproveSupportAccess } from '../application/co-approve-support-access';
import type { Deps } from '../application/deps';
import { listSupportUserRequests } from '../application/list-support-access';
import { requestSupportAccess } from '../application/request-support-access';
import { requireRealmRole } from './admin-routes';
import { presentSupportRequestOf, presentSupportRequests } from './support-presenters';

/** A request id in the path, or not_found: a malformed id names no request. */
export function pathRequestId(req: Request): string {
  const parsed = supportRequestId.safeParse(req.params.requestId);
  if (!parsed.success) throw notFound('Support access request');
  return parsed.data;
}

/** /support/access-requests — HOMi support staff ask for access (realm role `support`; requireCaller runs before). */
export function supportRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireRealmRole('support'));

  router.post('/access-requests', async (req, res) => {
    const input = parseInput(supportApi.CreateSupportAccessRequest, req.body);
    const request = await requestSupportAccess(deps, req.caller.userId, input);
    res.status(201).location(`${req.baseUrl}/access-requests/${request.id}`).json(await presentSupportRequestOf(deps, request));
  });

  router.get('/access-requests', async (req, res) => {
    const query = parseInput(supportApi.ListOwnSupportAccessQuery, req.query, 'query');
    const page = await listSupportUserRequests(deps, req.caller.userId, query);
    res.json({ items: await presentSupportRequests(deps, page.items), nextCursor: page.nextCursor });
  });

  router.post('/access-requests/:requestId/co-approve', async (req, res) => {
    const request = await coApproveSupportAccess(deps, req.caller.userId, pathRequestId(req));
    res.json(await presentSupportRequestOf(deps, request));
  });

  return router;
}
