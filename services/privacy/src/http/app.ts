import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { errorHandler, requestId, requireCaller, routeShape, type HttpApp, type Logger, type ServiceVerifier } from '@homi/service-kit';
import type { Deps, UsageDeps } from '../application/deps';
import { usageRoutes } from './usage-routes';
import { internalRoutes, uploadRoutes } from './internal-routes';
import { instituteExportsRoutes } from './institute-exports-routes';
import { requestsRoutes } from './requests-routes';

/** Privacy's routes on service-kit's app (what startService's `routes` mounts). */
export function mountPrivacyRoutes(app: Express, deps: Deps, usage: UsageDeps | undefined, logger: Logger, verifier: ServiceVerifier): void {
  app.use('/api/v1/privacy', requireCaller(verifier), requestsRoutes(deps, logger));
  // The usage statistics' routes (/api/v1/admin/usage, /api/v1/tenants/{id}/usage), when wired.
  if (usage) app.use('/api/v1', usageRoutes(usage, verifier));
  app.use('/api/v1', instituteExportsRoutes(deps, logger, verifier));
  app.use(internalRoutes(deps, verifier));
}

/**
 * service-kit's app (`inner`, with the privacy routes) behind a thin outer app for the export-part
 * upload: a streamed NDJSON body, which the kit's JSON-only body handling would refuse (415). The
 * outer app serves that one route first, with the kit's request id and error handler, and hands
 * everything else on.
 */
export function withPartUploads(inner: HttpApp, deps: Deps, logger: Logger, verifier: ServiceVerifier): HttpApp {
  const outer: Express = express();
  outer.disable('x-powered-by');
  outer.set('etag', false);
  outer.use('/internal/v1/privacy/requests', (req: Request, res: Response, next: NextFunction) => (req.method === 'PUT' ? requestId(req, res, next) : next()));
  outer.use('/internal/v1/privacy/requests', (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'PUT') accessLog(logger, req, res);
    next();
  });
  outer.use(uploadRoutes(deps, verifier));
  outer.use(inner.app);
  outer.use(errorHandler(logger));
  return { app: outer, health: inner.health };
}

function accessLog(logger: Logger, req: Request, res: Response): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ requestId: req.requestId, method: req.method, route: routeShape(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
  });
}
