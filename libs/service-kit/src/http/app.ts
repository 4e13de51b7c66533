import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { errorHandler, notFoundHandler } from './error-handler';
import { mountHealth, type HealthState, type ReadinessCheck } from './health';
import { requestId } from './request-id';

export interface HttpAppOptions {
  logger: Logger;
  readiness: ReadinessCheck[];
  /** Largest JSON body accepted; larger ones get 413. */
  bodyLimit?: string;
  /** Adds the service's routes; runs after the common middleware, before the 404 and error handlers. */
  routes: (app: Express) => void;
}

export interface HttpApp {
  app: Express;
  health: HealthState;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** A body that is not JSON gets 415 instead of being silently ignored. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (BODY_METHODS.has(req.method) && hasBody && !req.is(['application/json', 'application/*+json'])) {
    throw new AppError('unsupported_media_type', 'Send the request body as application/json.');
  }
  next();
}

/** Logs method, route pattern, status and duration; never the body or the query string. */
function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      logger.info({ requestId: req.requestId, method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** The express app every HOMi service starts from: request ids, JSON, health, problem+json errors. */
export function createHttpApp({ logger, readiness, bodyLimit = '64kb', routes }: HttpAppOptions): HttpApp {
  const app = express();
  const health: HealthState = { accepting: true };
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestId);
  app.use(accessLog(logger));
  mountHealth(app, readiness, health);
  app.use(requireJsonBody);
  app.use(express.json({ limit: bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));
  routes(app);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { app, health };
}
