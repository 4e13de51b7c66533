import type { z } from 'zod';
import type { AccessRule } from '../domain/access';
import { neverForSupport, type SupportRule } from '../domain/support-access';
import type { PathId } from './path-ids';

// What a route declaration is. The route lists (`*-routes.ts`) and everything that reads them (the
// table, the router, the OpenAPI document) import it from here, so no list imports the table.

/** Where the API lives; every route's path is under it. */
export const API_PREFIX = '/api/v1';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The services behind the gateway. */
export type UpstreamName = 'tenant-data' | 'identity' | 'privacy' | 'billing-integration' | 'helpdesk';

/** Who may call a route, and what the gateway checks before forwarding it. */
export type Audience =
  /** No token; rate limited per client address (sign-up by its own, stricter bucket); no caller context. */
  | { kind: 'public'; limit: 'address' | 'signup' }
  /**
   * Any signed-in user; tenant-less caller context. `statementRequired`: the current privacy
   * statement must be accepted. `disabledAccount: 'admitted'`: also open to a disabled (deleted)
   * account whose token has not expired (ADR 11); every other route refuses it. `bodyTenant`: where
   * the JSON body may name a tenant the call acts for; the caller must then be a member of it (else
   * 404) and the caller context carries that membership.
   */
  | {
      kind: 'user'; statementRequired: boolean; disabledAccount?: 'admitted'; bodyTenant?: (body: unknown) => string | undefined;
      /**
       * `attached`: the caller context carries every membership the caller holds now, for a service that
       * judges rights in a tenant it finds only in its own data (a privacy request about a client).
       */
      memberships?: 'attached';
      /** An irreversible act: the sign-in must be at most this many seconds old (401 `reauthentication-required`). */
      recentSignIn?: { maxAgeSeconds: number };
    }
  /**
   * A signed-in user holding a realm role, after a recent multi-factor login (401 `step-up-required`
   * otherwise); tenant-less caller context.
   */
  | { kind: 'realm-role'; role: 'operator' | 'support' }
  /**
   * A member of the path's tenant with the module level; caller context with tenant; statement
   * accepted. Or a support user under an active grant covering the module rule, unless `support` is
   * `never` (and always never for a rule that is not a module level).
   */
  | { kind: 'tenant'; access: AccessRule; support?: 'never' };

/** Error answers the service behind a route gives besides the gateway's own, as OpenAPI response components. */
export type UpstreamErrors = Partial<Record<403 | 404 | 409 | 410 | 422, string>>;

/** A route the gateway authorises and forwards; also what the OpenAPI document says of it. */
export interface ApiRoute {
  operationId: string;
  method: HttpMethod;
  /** express pattern under /api/v1; tenant routes start with /tenants/:tenantId. */
  path: string;
  upstream: UpstreamName;
  audience: Audience;
  tag:
    | 'Institute' | 'Clients' | 'Appointments' | 'Treatments' | 'Members' | 'Account' | 'Privacy statement' | 'Privacy requests' | 'Operators'
    | 'Invoicing' | 'Support access' | 'Audit log' | 'Usage' | 'Helpdesk';
  summary: string;
  /** Said in the document after who may call. */
  notes?: string;
  /** Path ids besides tenantId, checked after the tenant: parameter name → what it accepts. */
  ids: Record<string, PathId>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * A file as the body instead of JSON (a client file): streamed to the service as it arrives, never
   * held here; another media type is 415, an announced size over `maxBytes` 413 (the service counts too).
   */
  upload?: { mediaType: 'text/csv'; maxBytes: number; description: string };
  /**
   * The `body` comes form-encoded (`application/x-www-form-urlencoded`, at most 1 kB), as an RFC 8058
   * one-click unsubscribe posts it: read and parsed here, and forwarded as JSON like any other body.
   */
  formBody?: true;
  /** How long the service may take to answer (the upstream's default otherwise): an import works through the whole file first. */
  timeoutMs?: number;
  errors?: UpstreamErrors;
  /**
   * A sensitive action of the tenant's own members: recorded in the tenant's audit log (acknowledged
   * before the call is forwarded). Every call of a support user under a grant is recorded anyway.
   */
  audit?: true;
  /** Ids the body names that the audit event lists besides the path's (a privacy request's client). */
  auditIds?: (body: unknown) => Record<string, string>;
  /**
   * `location`: a 201 or 202 names the resource in `Location`. `download`: the answer is a file of
   * this media type, streamed through with its `Content-Disposition`, rather than JSON.
   */
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType; location?: true; download?: { mediaType: string } };
}

export type TenantRoute = ApiRoute & { audience: { kind: 'tenant' } };

/** What a support user under a grant may do on a tenant route: its module rule, unless marked never. */
export function supportRuleOf(audience: TenantRoute['audience']): SupportRule {
  const { access } = audience;
  if (audience.support === 'never' || access.kind !== 'module') return neverForSupport;
  return access.and ? { kind: 'module', module: access.module, level: access.level, and: access.and } : { kind: 'module', module: access.module, level: access.level };
}
