import request from 'supertest';
import { createLogger } from '@homi/service-kit';
import { FakeTokenVerifier, RecordingUpstream } from '../../test/support/fakes';
import { apiRouter } from '../http/api-router';
import { TokenBucketLimiter } from '../http/rate-limit';
import { InMemoryMembershipStore } from '../infrastructure/in-memory-membership-store';
import { fakeGateway } from '../../test/support/fakes';
import { buildOpenApiDocument, openApiPath, type OpenApiDocument } from './document';

const ISSUER = 'http://issuer.test/realms/homi';

/** `GET /tenants/{tenantId}` for every route express would dispatch under /api/v1. */
function servedRoutes(): string[] {
  const router = apiRouter({
    logger: createLogger({ service: 'gateway', level: 'silent' }),
    verifier: new FakeTokenVerifier(),
    memberships: new InMemoryMembershipStore(),
    limiter: new TokenBucketLimiter({ perMinute: 1 }),
    tenantData: new RecordingUpstream(),
    internalSecret: 'unit-test-internal-secret-0123456789',
    document: buildOpenApiDocument({ issuer: ISSUER }),
  });
  const routes: string[] = [];
  for (const layer of router.stack) {
    const route = layer.route as { path: string; methods: Record<string, boolean> } | undefined;
    if (!route) continue;
    for (const method of Object.keys(route.methods)) routes.push(`${method.toUpperCase()} ${openApiPath(route.path)}`);
  }
  return routes.sort();
}

function documentedRoutes(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument({ issuer: ISSUER });

  it('documents every route the router serves, and nothing it does not', () => {
    const served = servedRoutes();
    expect(served.length).toBeGreaterThanOrEqual(14);
    expect(documentedRoutes(doc)).toEqual(served);
  });

  it('is OpenAPI 3.1 with every $ref resolving inside the document', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const target of refs(doc)) {
      const [hash, components, kind, name] = target.split('/');
      expect([hash, components]).toEqual(['#', 'components']);
      expect(doc.components[kind as string]?.[name as string]).toBeDefined();
    }
  });

  it('names the issuer for bearer tokens and answers errors as problem+json', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      oidc: { type: 'openIdConnect', openIdConnectUrl: `${ISSUER}/.well-known/openid-configuration` },
      bearer: { type: 'http', scheme: 'bearer' },
    });
    const createClient = doc.paths['/tenants/{tenantId}/clients']?.post;
    expect(Object.keys(createClient?.responses ?? {}).sort()).toEqual(['201', '400', '401', '403', '404', '409', '413', '415', '429', '503']);
    expect(JSON.stringify(doc.components.responses)).toContain('application/problem+json');
  });

  it('lists path and query parameters of the list routes', () => {
    const list = doc.paths['/tenants/{tenantId}/clients']?.get;
    const names = (list?.parameters ?? []).map((p) => (p.name as string) ?? (p.$ref as string));
    expect(names).toEqual(['#/components/parameters/tenantId', 'q', 'limit', 'cursor']);
    const agenda = doc.paths['/tenants/{tenantId}/appointments']?.get;
    expect((agenda?.parameters ?? []).map((p) => p.name).filter(Boolean)).toEqual(['from', 'to', 'clientId', 'limit', 'cursor']);
  });

  it('describes request bodies as accepted and responses as sent', () => {
    const schemas = doc.components.schemas as Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    expect(schemas.CreateClient?.required).toEqual(['name']);
    expect(schemas.Client?.required).toContain('masked');
    expect(JSON.stringify(schemas.Client?.properties.address)).toContain('postcode');
  });

  it('is served publicly, with a readable page that loads nothing from elsewhere', async () => {
    const { http } = fakeGateway();
    const json = await request(http.app).get('/api/v1/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body.paths).toEqual(JSON.parse(JSON.stringify(doc.paths)));
    const page = await request(http.app).get('/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    for (const route of documentedRoutes(doc)) {
      const [method, path] = route.split(' ');
      expect(page.text).toContain(`${method}</span> <code>${path}</code>`);
    }
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!issuer\.test)/);
  });
});
