import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '@homi/service-kit';
import { webContentSecurityPolicy } from './web-content-security-policy';

export interface WebAppOptions {
  /** The built apps/web (its dist folder: index.html, silent-callback.html, assets/). */
  distDir: string;
  /** What the browser signs in with: the public issuer URL and the public client id. */
  oidc: { issuer: string; clientId: string };
  logger: Logger;
}

/** Vite names every built asset with a content hash: a new build is a new URL, so they can be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages name the current assets: the browser must ask again each time (a 304 when unchanged). */
const REVALIDATE = 'no-cache';
const SILENT_CALLBACK = '/silent-callback.html';

const isApiPath = (p: string) => p === '/api' || p.startsWith('/api/');
// A browser navigating asks for text/html by name; a script, style or fetch asks for */* or its own type.
const wantsHtml = (req: Request) => /\btext\/html\b/.test(req.headers.accept ?? '');
const isAssetPath = (p: string) => p.startsWith('/assets/');

/**
 * Serves the web application at `/`: GET /config.json (the runtime sign-in settings, so one build
 * serves every environment), the built files, and index.html for every other page path a browser
 * asks for (the app's router takes it from there). Paths under /api/ are never answered here.
 */
export function webApp({ distDir, oidc, logger }: WebAppOptions): Router {
  const router = Router();
  const issuerOrigin = new URL(oidc.issuer).origin;
  const csp = webContentSecurityPolicy(issuerOrigin);
  const indexFile = path.join(distDir, 'index.html');
  const built = existsSync(indexFile);
  if (!built) logger.warn({ distDir }, 'the web application is not built: / answers 404 until it is (npm run build)');
  // Read once: the build does not change under a running gateway.
  const indexHtml = built ? readFileSync(indexFile) : undefined;

  router.get('/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ issuer: oidc.issuer, clientId: oidc.clientId });
  });

  const pageHeaders = (res: Response, file: string) => {
    const framedByTheApp = file.endsWith(SILENT_CALLBACK);
    res.setHeader('Content-Security-Policy', framedByTheApp ? webContentSecurityPolicy(issuerOrigin, "'self'") : csp);
    res.setHeader('X-Frame-Options', framedByTheApp ? 'SAMEORIGIN' : 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  };

  const serveStatic = express.static(distDir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: (res, file) => {
      const hashed = path.relative(distDir, file).startsWith(`assets${path.sep}`);
      res.setHeader('Cache-Control', hashed ? IMMUTABLE : REVALIDATE);
      pageHeaders(res, file);
    },
  });

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    return serveStatic(req, res, next);
  });

  // Any other page path: the single-page app's index, which routes it (or shows its own "not found").
  router.use((req, res, next) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.path) && !isAssetPath(req.path) && wantsHtml(req);
    if (!page || !indexHtml) return next();
    res.setHeader('Cache-Control', REVALIDATE);
    pageHeaders(res, indexFile);
    res.type('html').send(indexHtml);
  });
  return router;
}
