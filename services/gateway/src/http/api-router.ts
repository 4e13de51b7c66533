import { Router } from 'express';
import type { Logger } from '@homi/service-kit';
import type { MembershipStore, TokenVerifier } from '../application/ports';
import type { Upstream } from '../infrastructure/upstream-proxy';
import type { OpenApiDocument } from '../openapi/document';
import { DOCS_CONTENT_SECURITY_POLICY, renderDocsPage } from '../openapi/docs-page';
import { authenticate } from './authenticate';
import { forwardTo } from './forward';
import { rateLimitByIp, type TokenBucketLimiter } from './rate-limit';
import { TENANT_ROUTES } from './route-table';
import { requireTenantAccess } from './tenant-access';

export interface ApiRouterDeps {
  logger: Logger;
  verifier: TokenVerifier;
  memberships: MembershipStore;
  limiter: TokenBucketLimiter;
  tenantData: Upstream;
  internalSecret: string;
  document: OpenApiDocument;
}

/** Everything under /api/v1: the public documentation, then bearer-protected tenant routes. */
export function apiRouter(deps: ApiRouterDeps): Router {
  const router = Router();
  const byIp = rateLimitByIp(deps.limiter);
  const docsPage = renderDocsPage(deps.document);

  router.get('/openapi.json', byIp, (_req, res) => {
    res.json(deps.document);
  });
  router.get('/docs', byIp, (_req, res) => {
    res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    res.type('html').send(docsPage);
  });

  // Every other path needs a verified token, known route or not: an unauthenticated caller learns
  // nothing about which routes exist.
  router.use(authenticate(deps.verifier, deps.limiter, deps.logger));
  for (const route of TENANT_ROUTES) {
    router[route.method](route.path, requireTenantAccess(deps.memberships, route), forwardTo(deps.tenantData, route, deps.internalSecret));
  }
  return router;
}
