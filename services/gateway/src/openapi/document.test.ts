import request from 'supertest';
import { createLogger, devServiceKeys } from '@homi/service-kit';
import { FakeTokenVerifier, RecordingUpstream } from '../../test/support/fakes';
import { apiRouter } from '../http/api-router';
import { TokenBucketLimiter } from '../infrastructure/token-bucket-limiter';
import { InMemoryAuditTrail, InMemoryMembershipStore, InMemorySupportGrantStore, InMemoryUserAccessStore } from '../application/in-memory';
import { fakeGateway } from '../../test/support/fakes';
import { buildOpenApiDocument, openApiPath, type OpenApiDocument } from './document';

const ISSUER = 'http://issuer.test/realms/homi';

/** `GET /tenants/{tenantId}` for every route express would dispatch under /api/v1. */
function servedRoutes(): string[] {
  const router = apiRouter({
    logger: createLogger({ service: 'gateway', level: 'silent' }),
    verifier: new FakeTokenVerifier(),
    memberships: new InMemoryMembershipStore(),
    users: new InMemoryUserAccessStore(),
    grants: new InMemorySupportGrantStore(),
    stepUp: { maxAgeSeconds: 900, acrValues: ['2'] },
    audit: new InMemoryAuditTrail(),
    refusals: { refused: () => undefined },
    limiter: new TokenBucketLimiter({ perMinute: 1 }),
    signupLimiter: new TokenBucketLimiter({ perHour: 1 }),
    tenantData: new RecordingUpstream('tenant-data'),
    identity: new RecordingUpstream('identity'),
    privacy: new RecordingUpstream('privacy'),
    billing: new RecordingUpstream('billing-integration'),
    helpdesk: new RecordingUpstream('helpdesk'),
    keys: devServiceKeys('gateway'),
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
    expect(served.length).toBeGreaterThanOrEqual(32);
    expect(served).toEqual(expect.arrayContaining([
      'GET /privacy-statement', 'GET /privacy-statements', 'POST /signup', 'GET /me', 'PATCH /me', 'DELETE /me',
      'POST /me/privacy-statement-acceptances', 'POST /admin/privacy-statements', 'GET /tenants/{tenantId}/members',
      'POST /tenants/{tenantId}/members', 'PATCH /tenants/{tenantId}/members/{userId}', 'DELETE /tenants/{tenantId}/members/{userId}',
      'GET /tenants/{tenantId}/invitations', 'DELETE /tenants/{tenantId}/invitations/{invitationId}', 'POST /invitation-lookups',
      'POST /invitation-declines', 'POST /invitation-signups', 'POST /invitation-acceptances', 'POST /me/email-confirmations',
      'DELETE /me/pending-email',
      'POST /privacy/requests', 'GET /privacy/requests', 'GET /privacy/requests/{id}', 'GET /privacy/requests/{id}/export',
      'POST /privacy/requests/{id}/extension', 'GET /privacy/data-map',
    ]));
    expect(served.filter((route) => route.includes('internal'))).toEqual([]);
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
    expect((agenda?.parameters ?? []).map((p) => p.name).filter(Boolean)).toEqual(['from', 'to', 'clientId', 'staffId', 'order', 'limit', 'cursor']);
  });

  it('describes request bodies as accepted and responses as sent', () => {
    const schemas = doc.components.schemas as Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    expect(schemas.CreateClient?.required).toEqual(['name']);
    expect(schemas.Client?.required).toContain('masked');
    expect(JSON.stringify(schemas.Client?.properties.address)).toContain('postcode');
  });

  it('marks exactly the public routes `security: []`, without a 401', () => {
    const publicRoutes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).filter(([, op]) => op.security?.length === 0).map(([m]) => `${m.toUpperCase()} ${path}`),
    );
    expect(publicRoutes.sort()).toEqual([
      'GET /docs', 'GET /openapi.json', 'GET /privacy-statement', 'GET /privacy-statements', 'POST /invitation-declines', 'POST /invitation-lookups',
      'POST /invitation-signups', 'POST /reminder-unsubscribe-lookups', 'POST /reminder-unsubscribes', 'POST /signup',
      'GET /reminder-unsubscribes/{code}', 'POST /reminder-unsubscribes/{code}',
    ].sort());
    for (const route of publicRoutes) {
      const [method, path] = route.split(' ') as [string, string];
      expect(doc.paths[path]?.[method.toLowerCase()]?.responses['401']).toBeUndefined();
    }
    expect(doc.paths['/signup']?.post?.responses['429']).toBeDefined();
    expect(doc.paths['/me']?.get?.responses['401']).toBeDefined();
  });

  it('documents the identity routes from the contracts\' schemas', () => {
    const schemas = doc.components.schemas as Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    expect(schemas.Signup?.required).toEqual(expect.arrayContaining(['email', 'password', 'name', 'institute', 'acceptedPrivacyStatementVersion']));
    expect(Object.keys(schemas.Me?.properties ?? {})).toEqual(expect.arrayContaining(['memberships', 'currentPrivacyStatementVersion']));
    expect(doc.paths['/signup']?.post?.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Signup' } } } });
    expect(doc.paths['/me']?.delete?.responses['202']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/AccountDeletion' } } } });
    expect(doc.paths['/tenants/{tenantId}/members']?.get?.['x-homi-permission']).toBe('users:view');
    expect(doc.paths['/tenants/{tenantId}/members/{userId}']?.patch?.['x-homi-permission']).toBe('users:edit');
    expect(doc.paths['/admin/privacy-statements']?.post?.['x-homi-permission']).toBe('realm role operator with a recent multi-factor sign-in (401 `step-up-required` otherwise)');
  });

  it('documents the new problem types and where each can occur', () => {
    const types = (doc['x-problem-types'] as { type: string; status: number }[]).map((p) => `${p.status} ${p.type.split('/').pop()}`);
    expect(types).toEqual(expect.arrayContaining(['401 account-disabled', '403 privacy-statement-acceptance-required', '403 realm-role-required']));
    const problem = (doc.components.schemas as Record<string, { properties: Record<string, unknown> }>).Problem;
    expect(problem?.properties.currentVersion).toMatchObject({ type: 'string' });
    const forbidden = (path: string, method: string) => doc.paths[path]?.[method]?.responses['403'];
    expect(forbidden('/tenants/{tenantId}', 'get')).toEqual({ $ref: '#/components/responses/Forbidden' });
    expect(forbidden('/tenants/{tenantId}/members', 'post')).toEqual({ $ref: '#/components/responses/Forbidden' });
    expect(forbidden('/me', 'patch')).toEqual({ $ref: '#/components/responses/StatementAcceptanceRequired' });
    expect(forbidden('/admin/privacy-statements', 'post')).toEqual({ $ref: '#/components/responses/RealmRoleRequired' });
    expect(forbidden('/me', 'get')).toBeUndefined();
    expect(forbidden('/me/privacy-statement-acceptances', 'post')).toBeUndefined();
    expect(JSON.stringify(doc.components.responses?.Unauthorized)).toContain('account-disabled');
    expect(JSON.stringify(doc.components.responses?.Forbidden)).toContain('currentVersion');
  });

  it('documents the privacy routes: the gates they skip, the tenant a body may name, the download', () => {
    const op = (path: string, method: string) => doc.paths[path]?.[method];
    const json = (name: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
    const create = op('/privacy/requests', 'post');
    expect(create?.requestBody).toEqual({ required: true, ...json('CreatePrivacyRequest') });
    expect(create?.responses['202']).toMatchObject({ ...json('PrivacyRequestAccepted'), headers: { Location: expect.any(Object) } });
    expect(create?.responses['403']).toEqual({ $ref: '#/components/responses/PrivacyRoleRequired' });
    expect(create?.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(create?.['x-homi-permission']).toBe('any signed-in user; for a tenant named in the body, a member of it');
    expect(op('/privacy/requests', 'get')?.parameters?.map((p) => p.name)).toEqual(['limit', 'cursor']);
    expect(op('/privacy/requests/{id}', 'get')?.responses['200']).toMatchObject(json('PrivacyRequest'));
    expect(op('/privacy/requests/{id}/extension', 'post')?.responses['403']).toEqual({ $ref: '#/components/responses/ExtensionNotAllowed' });
    expect(op('/privacy/data-map', 'get')?.responses['200']).toMatchObject(json('DataMap'));

    const download = op('/privacy/requests/{id}/export', 'get');
    expect(download?.responses['200']).toMatchObject({
      content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
      headers: { 'Content-Disposition': expect.any(Object) },
    });
    expect(Object.keys(download?.responses ?? {})).toEqual(['200', '401', '403', '404', '409', '410', '429', '503']);
    expect(download?.responses['403']).toEqual({ $ref: '#/components/responses/ClientPermissionRequired' });

    const privacyOps = Object.entries(doc.paths).filter(([path]) => path.startsWith('/privacy/')).flatMap(([path, ops]) => Object.entries(ops).map(([m, o]) => [`${m} ${path}`, o] as const));
    expect(privacyOps).toHaveLength(6);
    const whileDisabled = ['get /privacy/requests', 'get /privacy/requests/{id}', 'get /privacy/requests/{id}/export'];
    for (const [route, operation] of privacyOps) {
      expect([route, operation.description]).toEqual([route, expect.stringContaining('Open without the current privacy statement accepted')]);
      expect([route, operation.responses['403']]).not.toEqual([route, { $ref: '#/components/responses/StatementAcceptanceRequired' }]);
      const disabled = whileDisabled.includes(route);
      expect([route, operation.responses['401']]).toEqual([route, { $ref: `#/components/responses/${disabled ? 'UnauthorizedEvenIfDisabled' : 'Unauthorized'}` }]);
      expect([route, String(operation['x-homi-permission']).includes('disabled')]).toEqual([route, disabled]);
      if (disabled) expect(operation.description).toContain('ADR 11');
    }
    const unauthorized = JSON.stringify(doc.components.responses?.UnauthorizedEvenIfDisabled);
    expect(unauthorized).not.toContain('`account-disabled`');

    const schemas = doc.components.schemas as Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    expect(schemas.CreatePrivacyRequest?.required).toEqual(['type', 'subject']);
    expect(schemas.PrivacyRequest?.required).toEqual(expect.arrayContaining(['id', 'status', 'receivedAt', 'dueAt', 'owners', 'report', 'escalatedAt', 'silentOwners']));
    // ADR 42: a request answered at its deadline without every owner.
    expect(schemas.PrivacyRequest?.properties.status).toMatchObject({ enum: ['received', 'in_progress', 'completed', 'completed_with_gaps'] });
    expect(schemas.ExtendPrivacyRequest?.required).toEqual(['reason', 'months']);
    const id = new RegExp((doc.components.parameters?.privacyRequestId as { schema: { pattern: string } }).schema.pattern);
    expect(['dsr_0123456789abcdef', 'dsr_x', 'apt_0123456789abcdef'].map((v) => id.test(v))).toEqual([true, false, false]);
  });

  it('describes member ids as usr_ ids or lower-case UUIDs', () => {
    const param = doc.components.parameters?.memberUserId as { name: string; schema: { pattern: string } };
    expect(param.name).toBe('userId');
    const pattern = new RegExp(param.schema.pattern);
    for (const ok of ['usr_0123456789abcdef', '3f0c1a4e-9b2d-4c6e-8a1f-0123456789ab']) expect(pattern.test(ok)).toBe(true);
    for (const bad of ['3F0C1A4E-9B2D-4C6E-8A1F-0123456789AB', 'cli_0123456789abcdef', '3f0c1a4e9b2d4c6e8a1f0123456789ab', 'usr_x']) expect(pattern.test(bad)).toBe(false);
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
    expect(page.text).toContain('<code>privacy-statement-acceptance-required</code>');
    expect(page.text).toContain('<code>account-disabled</code>');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!issuer\.test)/);
  });
});
