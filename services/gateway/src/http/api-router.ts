import { Router, type RequestHandler } from 'express';
import type { Logger } from '@homi/service-kit';
import type { MembershipStore, TokenVerifier, UserAccessStore } from '../application/ports';
import type { Upstream } from '../infrastructure/upstream-proxy';
import type { OpenApiDocument } from '../openapi/document';
import { DOCS_CONTENT_SECURITY_POLICY, renderDocsPage } from '../openapi/docs-page';
import { authenticate } from './authenticate';
import { forwardTo } from './forward';
import { rateLimitByIp, type TokenBucketLimiter } from './rate-limit';
import { API_ROUTES, type ApiRoute, type UpstreamName } from './route-table';
import { requireTenantAccess } from './tenant-access';
import { requireAcceptedStatement, requireActiveAccount, requireRealmRole } from './user-gates';

export interface ApiRouterDeps {
  logger: Logger;
  verifier: TokenVerifier;
  memberships: MembershipStore;
  users: UserAccessStore;
  limiter: TokenBucketLimiter;
  /** Sign-ups per client address: far fewer than other requests. */
  signupLimiter: TokenBucketLimiter;
  tenantData: Upstream;
  identity: Upstream;
  internalSecret: string;
  document: OpenApiDocument;
}

/** What must hold before a route is forwarded, after authentication (for routes that need it). */
function guards(route: ApiRoute, deps: ApiRouterDeps): RequestHandler[] {
  const { audience } = route;
  switch (audience.kind) {
    case 'public':
      return [rateLimitByIp(audience.limit === 'signup' ? deps.signupLimiter : deps.limiter)];
    case 'user':
      return audience.statementRequired ? [requireAcceptedStatement(deps.users)] : [];
    case 'realm-role':
      return [requireRealmRole(audience.role)];
    case 'tenant':
      return [requireAcceptedStatement(deps.users), requireTenantAccess(deps.memberships, { ...route, audience })];
  }
}

/** Everything under /api/v1: public documentation and identity routes, then bearer-protected routes. */
export function apiRouter(deps: ApiRouterDeps): Router {
  const router = Router();
  const byIp = rateLimitByIp(deps.limiter);
  const docsPage = renderDocsPage(deps.document);
  const upstreams: Record<UpstreamName, Upstream> = { 'tenant-data': deps.tenantData, identity: deps.identity };
  const mount = (route: ApiRoute) =>
    router[route.method](route.path, ...guards(route, deps), forwardTo(upstreams[route.upstream], route, deps.internalSecret));

  router.get('/openapi.json', byIp, (_req, res) => {
    res.json(deps.document);
  });
  router.get('/docs', byIp, (_req, res) => {
    res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    res.type('html').send(docsPage);
  });
  API_ROUTES.filter((route) => route.audience.kind === 'public').forEach(mount);

  // Every other path needs a verified token of an enabled account, known route or not: an
  // unauthenticated caller learns nothing about which routes exist.
  router.use(authenticate(deps.verifier, deps.limiter, deps.logger), requireActiveAccount(deps.users));
  API_ROUTES.filter((route) => route.audience.kind !== 'public').forEach(mount);
  return router;
}
