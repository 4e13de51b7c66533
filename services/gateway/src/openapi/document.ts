import type { z } from 'zod';
import { describeRule } from '../domain/access';
import { TENANT_ROUTES, type TenantRoute } from '../http/route-table';
import { ERROR_RESPONSES, header, PARAMETER_FOR, PATH_PARAMETERS, ref, SCHEMAS, schemaRef } from './components';
import { toJsonSchema, type JsonSchema } from './json-schema';

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

function operation(route: TenantRoute): Operation {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => ref('parameters', PARAMETER_FOR[m[1] as string] ?? 'unknown'));
  const success: JsonSchema = { description: route.success.description };
  if (route.success.schema) success.content = { 'application/json': { schema: schemaRef(route.success.schema) } };
  if (route.success.status === 201) success.headers = { Location: header('The new resource.') };
  const responses: Record<string, JsonSchema> = { [route.success.status]: success };
  const writes = route.method !== 'get';
  if (route.query || route.body) responses['400'] = ref('responses', 'BadRequest');
  responses['401'] = ref('responses', 'Unauthorized');
  if (route.access.kind === 'module') responses['403'] = ref('responses', 'Forbidden');
  responses['404'] = ref('responses', 'NotFound');
  if (writes) responses['409'] = ref('responses', 'Conflict');
  if (route.body) {
    responses['413'] = ref('responses', 'PayloadTooLarge');
    responses['415'] = ref('responses', 'UnsupportedMediaType');
  }
  responses['429'] = ref('responses', 'TooManyRequests');
  responses['503'] = ref('responses', 'ServiceUnavailable');
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `Requires ${describeRule(route.access)}.`,
    tags: [route.tag],
    'x-homi-permission': describeRule(route.access),
    parameters: [...pathParams, ...(route.query ? queryParameters(route.query) : [])],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(route.body) } } } } : {}),
    responses,
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

/** The OpenAPI 3.1 document of exactly the routes the gateway serves under /api/v1. */
export function buildOpenApiDocument(options: { issuer: string }): OpenApiDocument {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of TENANT_ROUTES) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
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
    tags: [{ name: 'Institute' }, { name: 'Clients' }, { name: 'Appointments' }, { name: 'Documentation' }],
    // One credential, two descriptions: a bearer JWT, and the issuer that hands it out.
    security: [{ bearer: [] }, { oidc: [] }],
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
