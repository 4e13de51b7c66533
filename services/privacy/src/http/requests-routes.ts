import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { mailLocaleOf } from '@homi/mail';
import { parseInput, pathId, type Logger } from '@homi/service-kit';
import { buildDataMap } from '../application/build-data-map';
import type { Deps } from '../application/deps';
import { extendRequest } from '../application/extend-request';
import { openExport } from '../application/open-export';
import { submitRequest } from '../application/submit-request';
import { getRequest, listRequests } from '../application/view-requests';
import { presentRequest } from './presenters';
import { CreateRequest, ExtendRequest, ListQuery } from './validators';
import { zipPackage } from './zip-package';

const requestId = (req: Request): string => pathId(req, 'id', 'dsr', 'Privacy request');

/** /api/v1/privacy — behind the gateway; requireCaller has verified the signed caller context. */
export function requestsRoutes(deps: Deps, logger: Logger): Router {
  const router = Router();

  router.post('/requests', async (req, res) => {
    const input = parseInput(CreateRequest, req.body);
    const request = await submitRequest(deps, req.caller, input, mailLocaleOf(req));
    res.status(202).location(`${req.baseUrl}/requests/${request.id}`).json({ id: request.id, status: request.status, dueAt: request.dueAt.toISOString() });
  });

  router.get('/requests', async (req, res) => {
    const query = parseInput(ListQuery, req.query, 'query');
    const page = await listRequests(deps, req.caller, query);
    res.json({ items: page.items.map(presentRequest), nextCursor: page.nextCursor });
  });

  router.get('/requests/:id', async (req, res) => {
    res.json(presentRequest(await getRequest(deps, req.caller, requestId(req))));
  });

  router.get('/requests/:id/export', async (req, res) => {
    const { filename, madeAt, entries } = await openExport(deps, req.caller, requestId(req));
    const stream = zipPackage(entries, madeAt);
    res.status(200).set({
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
    await pipeline(stream, res).catch((err: unknown) => logger.warn({ err, requestId: req.requestId }, 'export download broke off'));
  });

  router.post('/requests/:id/extension', async (req, res) => {
    const id = requestId(req);
    const input = parseInput(ExtendRequest, req.body);
    await extendRequest(deps, req.caller, id, input);
    res.json(presentRequest(await getRequest(deps, req.caller, id)));
  });

  router.get('/data-map', async (_req, res) => {
    res.json(await buildDataMap(deps));
  });

  return router;
}
