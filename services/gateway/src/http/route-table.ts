import type { z } from 'zod';
import type { AccessRule } from '../domain/access';
import { IDENTITY_ROUTES } from './identity-routes';
import type { PathId } from './path-ids';
import { TENANT_DATA_ROUTES } from './tenant-data-routes';

export const API_PREFIX = '/api/v1';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** The services behind the gateway. */
export type UpstreamName = 'tenant-data' | 'identity';

/** Who may call a route, and what the gateway checks before forwarding it. */
export type Audience =
  /** No token; rate limited per client address (sign-up by its own, stricter bucket); no caller context. */
  | { kind: 'public'; limit: 'address' | 'signup' }
  /** Any signed-in, enabled user; tenant-less caller context. `statementRequired`: the current privacy statement must be accepted. */
  | { kind: 'user'; statementRequired: boolean }
  /** A signed-in user holding a realm role; tenant-less caller context. */
  | { kind: 'realm-role'; role: 'operator' }
  /** A member of the path's tenant with the module level; caller context with tenant; statement accepted. */
  | { kind: 'tenant'; access: AccessRule };

/** A route the gateway authorises and forwards; also what the OpenAPI document says of it. */
export interface ApiRoute {
  operationId: string;
  method: HttpMethod;
  /** express pattern under /api/v1; tenant routes start with /tenants/:tenantId. */
  path: string;
  upstream: UpstreamName;
  audience: Audience;
  tag: 'Institute' | 'Clients' | 'Appointments' | 'Members' | 'Account' | 'Privacy statement' | 'Operators';
  summary: string;
  /** Path ids besides tenantId, checked after the tenant: parameter name → what it accepts. */
  ids: Record<string, PathId>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** `location`: a 201 names the new resource in `Location`. */
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType; location?: true };
}

export type TenantRoute = ApiRoute & { audience: { kind: 'tenant' } };

export const API_ROUTES: readonly ApiRoute[] = [...TENANT_DATA_ROUTES, ...IDENTITY_ROUTES];
