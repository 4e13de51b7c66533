import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createHttpApp, type HttpApp, type ReadinessCheck } from '@homi/service-kit';
import { API_PREFIX } from './api-route';
import { API_ROUTES } from './route-table';
import { apiRouter, type ApiRouterDeps } from './api-router';
import { webApp, type WebAppOptions } from './web-app';

export interface GatewayAppDeps extends ApiRouterDeps {
  readiness: ReadinessCheck[];
  /** Reverse proxies in front whose X-Forwarded-For is believed for the client address. */
  trustProxyHops?: number;
  /** Counts tenant calls for the usage statistics; sees each request before the API router does. */
  usage?: RequestHandler;
  /** The web application at `/` (static files, SPA fallback, /config.json); absent: API only. */
  web?: Omit<WebAppOptions, 'logger'>;
}

/**
 * The paths of the routes whose bodies are no JSON, as express would match them: an upload is streamed
 * through and a form (one-click unsubscribe) read by the route, neither parsed (nor refused) as JSON here.
 */
const NOT_JSON = API_ROUTES.filter((route) => route.upload || route.formBody).map((route) => ({
  method: route.method.toUpperCase(),
  path: new RegExp(`^${API_PREFIX}${route.path.replace(/:\w+/g, '[^/]+')}/?$`),
}));
const isNotJson = (req: Request) => NOT_JSON.some((u) => u.method === req.method && u.path.test(req.path));

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}

/** The gateway's HTTP app: service-kit's base (request ids, 64 kB JSON bodies, health), /api/v1 and the web application. */
export function createGatewayApp(deps: GatewayAppDeps): HttpApp {
  return createHttpApp({
    logger: deps.logger,
    readiness: deps.readiness,
    bodyLimit: '64kb',
    streamedBodies: isNotJson,
    routes: (app) => {
      app.set('trust proxy', deps.trustProxyHops ? deps.trustProxyHops : false);
      app.use(securityHeaders);
      if (deps.usage) app.use(deps.usage);
      app.use(API_PREFIX, apiRouter(deps));
      if (deps.web) app.use(webApp({ ...deps.web, logger: deps.logger }));
    },
  });
}
