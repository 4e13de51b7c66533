import { Router, type RequestHandler } from 'express';
import { AppError, type Logger, type ServiceKeys } from '@homi/service-kit';
import type { AuditTrail, MembershipStore, RateLimiter, SupportGrantStore, TokenVerifier, UserAccessStore } from '../application/ports';
import type { SupportRefusalReporter } from '../application/report-support-refusal';
import type { StepUpPolicy } from '../domain/step-up';
import type { Upstream } from '../infrastructure/upstream-proxy';
import type { OpenApiDocument } from '../openapi/document';
import { DOCS_CONTENT_SECURITY_POLICY, renderDocsPage } from '../openapi/docs-page';
import { auditTenantAction } from './audit';
import { authenticate } from './authenticate';
import { forwardTo } from './forward';
import { forgetRevokedGrant } from './support-revocation';
import { TICKET_PRIVACY_REQUEST } from './helpdesk-routes';
import { ticketPrivacyRequest } from './ticket-privacy-request';
import { requirePathIds, unsubscribeCode } from './path-ids';
import { rateLimitByIp } from './rate-limit';
import type { ApiRoute, UpstreamName } from './api-route';
import { API_ROUTES } from './route-table';
import { attachMemberships, requireTenantAccess, resolveBodyTenant } from './tenant-access';
import { requireAcceptedStatement, requireActiveAccount, requireRealmRole, requireRecentMfa, requireRecentSignIn } from './user-gates';

export interface ApiRouterDeps {
  logger: Logger;
  verifier: TokenVerifier;
  memberships: MembershipStore;
  users: UserAccessStore;
  /** Support grants (identity's bucket), judged on each call of a support user. */
  grants: SupportGrantStore;
  /** How recent and strong a support user's login must be. */
  stepUp: StepUpPolicy;
  /** Where tenant audit events go before a call is forwarded. */
  audit: AuditTrail;
  /** Where refused support calls are reported for the tenant's log (best effort, throttled). */
  refusals: Pick<SupportRefusalReporter, 'refused'>;
  limiter: RateLimiter;
  /** Sign-ups per client address: far fewer than other requests. */
  signupLimiter: RateLimiter;
  tenantData: Upstream;
  identity: Upstream;
  privacy: Upstream;
  billing: Upstream;
  helpdesk: Upstream;
  /** The gateway's keys: it signs the caller context it sends each upstream (ADR 38). */
  keys: Pick<ServiceKeys, 'service' | 'signing'>;
  document: OpenApiDocument;
  /** Overrides the recent-sign-in age the routes declare (RECENT_SIGN_IN_MAX_AGE_SECONDS). */
  recentSignInMaxAgeSeconds?: number;
}

/** What must hold before a route is forwarded, after authentication (for routes that need it). */
function guards(route: ApiRoute, deps: ApiRouterDeps): RequestHandler[] {
  const { audience } = route;
  const tenantAccess = { memberships: deps.memberships, users: deps.users, support: { grants: deps.grants, stepUp: deps.stepUp, refusals: deps.refusals } };
  switch (audience.kind) {
    case 'public':
      return [rateLimitByIp(audience.limit === 'signup' ? deps.signupLimiter : deps.limiter), requirePathIds(route.ids)];
    case 'user':
      return [
        ...(audience.recentSignIn ? [requireRecentSignIn(deps.recentSignInMaxAgeSeconds ?? audience.recentSignIn.maxAgeSeconds)] : []),
        ...(audience.statementRequired ? [requireAcceptedStatement(deps.users)] : []),
        requirePathIds(route.ids),
        ...(audience.bodyTenant ? [resolveBodyTenant(tenantAccess, route, audience.bodyTenant)] : []),
        ...(audience.memberships === 'attached' ? [attachMemberships(deps.memberships)] : []),
      ];
    case 'realm-role':
      // Both realm roles act on other people's data: each needs a recent multi-factor login.
      return [requireRealmRole(audience.role), requireRecentMfa(deps.stepUp), requirePathIds(route.ids)];
    case 'tenant':
      return [requireTenantAccess(tenantAccess, { ...route, audience })];
  }
}

const admitsDisabledAccount = (route: ApiRoute) => route.audience.kind === 'user' && route.audience.disabledAccount === 'admitted';

/**
 * Everything under /api/v1: public documentation and identity routes, then bearer-protected routes:
 * first the few a disabled account may still call (its own privacy requests), then everything else.
 */
export function apiRouter(deps: ApiRouterDeps): Router {
  const router = Router();
  const byIp = rateLimitByIp(deps.limiter);
  const docsPage = renderDocsPage(deps.document);
  const upstreams: Record<UpstreamName, Upstream> = {
    'tenant-data': deps.tenantData, identity: deps.identity, privacy: deps.privacy, 'billing-integration': deps.billing,
    helpdesk: deps.helpdesk,
  };
  const audit = (route: ApiRoute) => (route.audience.kind === 'public' ? [] : [auditTenantAction(deps.audit, deps.logger, route)]);
  const afterwards = (route: ApiRoute) => (route.operationId === 'revokeSupportAccess' ? [forgetRevokedGrant(deps.grants)] : []);
  const trust = { keys: deps.keys, stepUp: deps.stepUp };
  // One route is orchestrated over the helpdesk and privacy rather than forwarded (ADR 44); like the
  // privacy service's own request route, it carries every membership of the caller.
  const handle = (route: ApiRoute): RequestHandler[] =>
    route.operationId === TICKET_PRIVACY_REQUEST
      ? [attachMemberships(deps.memberships), ticketPrivacyRequest({ helpdesk: deps.helpdesk, privacy: deps.privacy }, route, trust)]
      : [forwardTo(upstreams[route.upstream], route, trust)];
  const mount = (route: ApiRoute) => router[route.method](route.path, ...guards(route, deps), ...audit(route), ...afterwards(route), ...handle(route));

  // Express answers HEAD with a route's GET handler, which would run it past the audit (a support
  // user's HEAD under a grant was forwarded unrecorded) and leak its size. The API serves no HEAD:
  // the same answer on every path, so it tells nothing about which routes exist.
  router.use((req, _res, next) => {
    if (req.method !== 'HEAD') return next();
    throw new AppError('method_not_allowed', 'The API does not answer HEAD; use GET.', { type: 'method-not-allowed', headers: { Allow: 'GET' } });
  });
  router.get('/openapi.json', byIp, (_req, res) => {
    res.json(deps.document);
  });
  router.get('/docs', byIp, (_req, res) => {
    res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    res.type('html').send(docsPage);
  });
  API_ROUTES.filter((route) => route.audience.kind === 'public').forEach(mount);
  // A mail client that opens the one-click unsubscribe URL (RFC 8058) in a browser: a GET changes
  // nothing, so it goes on to the web application's page, which asks before it withdraws.
  router.get('/reminder-unsubscribes/:code', byIp, requirePathIds({ code: unsubscribeCode }), (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, `/afmelden#token=${String(req.params.code)}`);
  });

  // Every other path needs a verified token, known route or not: an unauthenticated caller learns
  // nothing about which routes exist. And an enabled account, except on the routes that admit a
  // disabled one (ADR 11); unknown paths answer a disabled account 401 too.
  const isProtected = (route: ApiRoute) => route.audience.kind !== 'public';
  router.use(authenticate(deps.verifier, deps.limiter, deps.logger));
  API_ROUTES.filter((route) => isProtected(route) && admitsDisabledAccount(route)).forEach(mount);
  router.use(requireActiveAccount(deps.users));
  API_ROUTES.filter((route) => isProtected(route) && !admitsDisabledAccount(route)).forEach(mount);
  return router;
}
