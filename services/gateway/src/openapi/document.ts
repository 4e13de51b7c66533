import type { z } from 'zod';
import { describeRule } from '../domain/access';
import { supportRuleOf, type ApiRoute, type Audience } from '../http/api-route';
import { API_ROUTES } from '../http/route-table';
import { ERROR_RESPONSES, header, PATH_PARAMETERS, ref, SCHEMAS, schemaRef } from './components';
import { toJsonSchema, type JsonSchema } from './json-schema';
import { problemTypesExtension } from './problem-types';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: JsonSchema[];
  requestBody?: JsonSchema;
  responses: Record<string, JsonSchema>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}

/** `/tenants/:tenantId` → `/tenants/{tenantId}` */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

function queryParameters(query: z.ZodObject): JsonSchema[] {
  const json = toJsonSchema(query, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema,
  }));
}

const STATEMENT = 'the current privacy statement accepted';
const RECENT_MFA = 'a recent multi-factor sign-in (401 `step-up-required` otherwise)';

/** Whether, and how, a HOMi support user who is not a member gets in, and that the tenant's audit log shows it. */
function supportNote(route: ApiRoute): string {
  const { audience } = route;
  const audited = route.audit ? ' Recorded in the tenant\'s audit log before it is forwarded (503 `audit-unavailable` otherwise).' : '';
  if (audience.kind === 'user' && audience.bodyTenant) return ` Never open to a support user for a tenant they are not a member of.${audited}`;
  if (audience.kind !== 'tenant') return audited;
  const rule = supportRuleOf(audience);
  const support = rule.kind === 'never'
    ? ' Never open to support users who are not members (403 `support-access-out-of-scope`).'
    : ` A support user who is not a member needs an active grant of the tenant covering ${rule.module}${rule.and ? ` and ${rule.and.module}` : ''} in mode ` +
      `${rule.level === 'edit' ? 'write' : 'read or write'} and ${RECENT_MFA}; each such call is recorded in the tenant's audit log before it is forwarded.`;
  return support + audited;
}

/** Who may call, in the words of the docs page (`x-homi-permission`). */
function permission(audience: Audience): string {
  switch (audience.kind) {
    case 'public': return 'public';
    case 'user': return userPermission(audience);
    case 'realm-role': return `realm role ${audience.role} with ${RECENT_MFA}`;
    case 'tenant': return describeRule(audience.access);
  }
}

function userPermission(audience: Audience & { kind: 'user' }): string {
  const who = audience.disabledAccount === 'admitted' ? 'any signed-in user, a disabled (deleted) account too' : 'any signed-in user';
  const tenant = audience.bodyTenant ? '; for a tenant named in the body, a member of it' : '';
  const recent = audience.recentSignIn ? `, signed in at most ${audience.recentSignIn.maxAgeSeconds / 60} minutes ago` : '';
  return (audience.statementRequired ? `${who} with ${STATEMENT}` : who) + recent + tenant;
}

const FORBIDDEN: Record<Audience['kind'], string | undefined> = {
  public: undefined, user: 'StatementAcceptanceRequired', 'realm-role': 'RealmRoleRequired', tenant: 'Forbidden',
};

function successResponse(route: ApiRoute): JsonSchema {
  const { schema, download, location, status, description } = route.success;
  const success: JsonSchema = { description };
  if (schema) success.content = { 'application/json': { schema: schemaRef(schema) } };
  if (download) {
    success.content = { [download.mediaType]: { schema: { type: 'string', contentMediaType: download.mediaType } } };
    success.headers = { 'Content-Disposition': header('`attachment; filename="…"`') };
  }
  if (location) success.headers = { Location: header(status === 201 ? 'The new resource.' : 'Where to follow it.') };
  return success;
}

const admitsDisabled = (audience: Audience) => audience.kind === 'user' && audience.disabledAccount === 'admitted';

function responses(route: ApiRoute): Record<string, JsonSchema> {
  const { audience } = route;
  const all: Record<string, JsonSchema> = { [route.success.status]: successResponse(route) };
  const forbidden = audience.kind === 'user' && !audience.statementRequired ? undefined : FORBIDDEN[audience.kind];
  if (route.query || route.body || route.upload) all['400'] = ref('responses', 'BadRequest');
  if (audience.kind !== 'public') all['401'] = ref('responses', admitsDisabled(audience) ? 'UnauthorizedEvenIfDisabled' : 'Unauthorized');
  if (forbidden) all['403'] = ref('responses', forbidden);
  if (audience.kind === 'tenant' || route.method === 'get' || Object.keys(route.ids).length > 0) all['404'] = ref('responses', 'NotFound');
  if (route.method !== 'get') all['409'] = ref('responses', 'Conflict');
  for (const [status, response] of Object.entries(route.errors ?? {})) all[status] = ref('responses', response);
  if (route.body || route.upload) {
    all['413'] = ref('responses', 'PayloadTooLarge');
    all['415'] = ref('responses', 'UnsupportedMediaType');
  }
  all['429'] = ref('responses', 'TooManyRequests');
  all['503'] = ref('responses', 'ServiceUnavailable');
  return all;
}

function description(route: ApiRoute): string {
  const { audience } = route;
  if (audience.kind === 'public') {
    return `Public; rate limited per client address${audience.limit === 'signup' ? ', per hour' : ''}.` + (route.notes ? ` ${route.notes}` : '');
  }
  const statement = audience.kind === 'tenant' ? ` Members also need ${STATEMENT}.` : '';
  return `Requires ${permission(audience)}.${statement}${supportNote(route)}` + (route.notes ? ` ${route.notes}` : '');
}

function uploadBody({ mediaType, maxBytes, description }: NonNullable<ApiRoute['upload']>): JsonSchema {
  return { required: true, description, content: { [mediaType]: { schema: { type: 'string', contentMediaType: mediaType, maxLength: maxBytes } } } };
}

function operation(route: ApiRoute): Operation {
  const parameterOf = (name: string) => (name === 'tenantId' ? 'tenantId' : (route.ids[name]?.parameter ?? 'unknown'));
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ref('parameters', parameterOf(name as string)));
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: description(route),
    tags: [route.tag],
    ...(route.audience.kind === 'public' ? { security: [] } : { 'x-homi-permission': permission(route.audience) }),
    parameters: [...pathParams, ...(route.query ? queryParameters(route.query) : [])],
    ...(route.body ? { requestBody: { required: true, content: { [route.formBody ? 'application/x-www-form-urlencoded' : 'application/json']: { schema: schemaRef(route.body) } } } } : {}),
    ...(route.upload ? { requestBody: uploadBody(route.upload) } : {}),
    responses: responses(route),
  };
}

function publicOperation(operationId: string, summary: string, contentType: string): Operation {
  return {
    operationId,
    summary,
    tags: ['Documentation'],
    security: [],
    responses: { '200': { description: summary, content: { [contentType]: { schema: {} } } }, '429': ref('responses', 'TooManyRequests') },
  };
}

/** A mail client that opens the one-click unsubscribe URL in a browser (api-router.ts): sent on to the web page. */
const openOneClickUrl: Operation = {
  operationId: 'openReminderUnsubscribeUrl',
  summary: 'The one-click unsubscribe URL opened in a browser',
  description: 'Public; rate limited per client address. Changes nothing: 303 to the web application\'s unsubscribe page '
    + '(`/afmelden#token=…`), which shows whose link it is and asks before it withdraws.',
  tags: ['Clients'],
  security: [],
  parameters: [ref('parameters', 'unsubscribeCode')],
  responses: {
    '303': { description: 'On to the unsubscribe page.', headers: { Location: { schema: { type: 'string' } } } },
    '404': ref('responses', 'NotFound'),
    '429': ref('responses', 'TooManyRequests'),
  },
};

const TAGS = [
  'Account', 'Privacy statement', 'Privacy requests', 'Institute', 'Members', 'Clients', 'Appointments', 'Treatments', 'Invoicing',
  'Support access', 'Audit log', 'Usage', 'Helpdesk', 'Operators', 'Documentation',
];

/** The OpenAPI 3.1 document of exactly the routes the gateway serves under /api/v1. */
export function buildOpenApiDocument(options: { issuer: string }): OpenApiDocument {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of API_ROUTES) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  paths['/reminder-unsubscribes/{code}'] = { ...paths['/reminder-unsubscribes/{code}'], get: openOneClickUrl };
  paths['/openapi.json'] = { get: publicOperation('getOpenApiDocument', 'This document.', 'application/json') };
  paths['/docs'] = { get: publicOperation('getApiDocs', 'This document as a readable page.', 'text/html') };
  return {
    openapi: '3.1.1',
    info: {
      title: 'HOMi API',
      version: '1.0.0',
      description: 'The HOMi public API. JSON in and out; errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/api/v1' }],
    tags: TAGS.map((name) => ({ name })),
    // One credential, two descriptions: a bearer JWT, and the issuer that hands it out.
    security: [{ bearer: [] }, { oidc: [] }],
    'x-problem-types': problemTypesExtension(),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, { schema, io }]) => [name, toJsonSchema(schema, io)])),
      parameters: PATH_PARAMETERS,
      responses: ERROR_RESPONSES,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `An access token of the HOMi realm; discovery: ${options.issuer}/.well-known/openid-configuration`,
        },
        oidc: { type: 'openIdConnect', openIdConnectUrl: `${options.issuer}/.well-known/openid-configuration` },
      },
    },
  };
}
