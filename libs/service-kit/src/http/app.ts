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
  /**
   * Requests whose body a route reads itself, as a stream (a CSV upload): neither held to JSON nor
   * parsed. The route checks the media type and the size; any other request with a non-JSON body stays 415.
   */
  streamedBodies?: (req: Request) => boolean;
  /** Adds the service's routes; runs after the common middleware, before the 404 and error handlers. */
  routes: (app: Express) => void;
}

export interface HttpApp {
  app: Express;
  health: HealthState;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request carries a body: a length above zero, or one sent in chunks. */
export const hasRequestBody = (req: Request): boolean => Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

/** A body that is not JSON gets 415 instead of being silently ignored, unless a route streams it. */
const requireJsonBody = (streamed: (req: Request) => boolean) => (req: Request, _res: Response, next: NextFunction): void => {
  if (streamed(req)) return next();
  if (BODY_METHODS.has(req.method) && hasRequestBody(req) && !req.is(['application/json', 'application/*+json'])) {
    throw new AppError('unsupported_media_type', 'Send the request body as application/json.');
  }
  next();
};

const ROUTE_WORD = /^(?:[a-z]+(?:-[a-z]+)*|v[0-9]+)$/;

/**
 * The path with every segment that is not a plain route word replaced by `:param`, so ids
 * stay groupable and nothing a caller typed into a path (or query) reaches the log.
 */
export function routeShape(originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  return path
    .split('/')
    .map((segment) => (segment === '' || ROUTE_WORD.test(segment) ? segment : ':param'))
    .join('/')
    .slice(0, 200);
}

/** Logs method, route pattern, status and duration; never the body or the query string. */
function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = routeShape(req.originalUrl);
      logger.info({ requestId: req.requestId, method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** The express app every HOMi service starts from: request ids, JSON, health, problem+json errors. */
export function createHttpApp({ logger, readiness, bodyLimit = '64kb', streamedBodies = () => false, routes }: HttpAppOptions): HttpApp {
  const app = express();
  const health: HealthState = { accepting: true };
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestId);
  app.use(accessLog(logger));
  mountHealth(app, readiness, health);
  app.use(requireJsonBody(streamedBodies));
  const json = express.json({ limit: bodyLimit, strict: true, type: ['application/json', 'application/*+json'] });
  // A streamed body is the route's to read and judge, whatever media type the caller claims.
  app.use((req, res, next) => (streamedBodies(req) ? next() : json(req, res, next)));
  routes(app);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { app, health };
}
