import type { OutgoingHttpHeaders } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import type { Request, RequestHandler } from 'express';
import { AppError, CALLER_HEADER, hasRequestBody, signCaller, type CallerContextInput, type ServiceKeys } from '@homi/service-kit';
import type { Principal } from '../domain/principal';
import { hasRecentMfa, type StepUpPolicy } from '../domain/step-up';
import type { Upstream } from '../infrastructure/upstream-proxy';
import { API_PREFIX, type ApiRoute } from './api-route';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** Request headers that pass through; everything else (Authorization, cookies, x-homi-*) stays here. */
// accept-language: the language of the mails a call sends the caller (identity's address confirmation).
const PASSED_THROUGH = ['accept', 'accept-language', 'traceparent', 'tracestate'] as const;
/** A file download also names its file; the answer itself is streamed, never held here. */
const DOWNLOAD_HEADERS = ['content-disposition'] as const;

/**
 * The upstream path is rebuilt from the route pattern and the validated ids rather than copied, so
 * encoded slashes, dot segments or case tricks in the incoming URL cannot address another route.
 */
function upstreamPath(req: Request, route: ApiRoute): string {
  // Encoded again: every route checks its ids, so this only ever changes anything should one not.
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(req.params[name])));
  const queryStart = req.originalUrl.indexOf('?');
  return API_PREFIX + path + (queryStart >= 0 ? req.originalUrl.slice(queryStart) : '');
}

/** Realm roles that give power over other people's data: asserted to a service only under a recent second factor. */
const PRIVILEGED_ROLES: readonly string[] = ['operator', 'support'];

/** The token's realm roles, less the privileged ones when the login is not a recent multi-factor one. */
export function assertedRoles(principal: Principal, stepUp: StepUpPolicy, now = Date.now()): string[] {
  if (hasRecentMfa(principal, stepUp, Math.floor(now / 1000))) return principal.roles;
  return principal.roles.filter((role) => !PRIVILEGED_ROLES.includes(role));
}

/**
 * Who calls, as the service is told: nothing on public routes (there is no caller, and the service
 * treats them as anonymous), the user and their realm roles on user routes (the privileged ones only
 * after a recent second factor), plus the tenant and the membership on tenant routes and on user
 * routes whose body named a tenant the caller belongs to; every membership on routes that attach
 * them; for a support user under a grant, the grant's permissions and its request id.
 */
export function callerOf(req: Request, route: ApiRoute, stepUp: StepUpPolicy): Omit<CallerContextInput, 'exp'> | undefined {
  if (route.audience.kind === 'public') return undefined;
  const principal = req.principal;
  if (!principal) throw new Error('forwardTo needs authenticate before it on a non-public route');
  const memberships = req.memberships
    ? { memberships: Object.fromEntries(req.memberships.map((m) => [m.tenantId, { role: m.role, permissions: m.permissions }])) }
    : {};
  const user = { userId: principal.userId, realmRoles: assertedRoles(principal, stepUp), requestId: req.requestId, ...memberships };
  const membership = req.membership;
  if (route.audience.kind === 'tenant' && !membership) throw new Error('forwardTo needs requireTenantAccess before it on a tenant route');
  if (!membership) return user;
  const tenant = { ...user, tenantId: membership.tenantId, role: membership.role, permissions: membership.permissions };
  // A support user under a grant: the service can tell, and name the grant in what it records.
  return req.supportGrant ? { ...tenant, support: { requestId: req.supportGrant.requestId } } : tenant;
}

export function upstreamHeaders(req: Request, body: Buffer | Readable | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'x-request-id': req.requestId };
  for (const name of PASSED_THROUGH) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (body) headers['content-type'] = req.headers['content-type'];
  if (Buffer.isBuffer(body)) headers['content-length'] = body.length;
  else if (body && req.headers['content-length'] !== undefined) headers['content-length'] = req.headers['content-length'];
  return headers;
}

const tooLarge = (maxBytes: number) => new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);

const FORM_MAX_BYTES = 1024;
const formTooLarge = () => new AppError('payload_too_large', `The form is larger than ${FORM_MAX_BYTES} bytes.`);

/**
 * A form-encoded body (an RFC 8058 one-click post), read whole (it is a few bytes) and parsed: another
 * media type is 415, more than 1 kB 413. No body at all is an empty form, for the service to refuse.
 */
async function formBody(req: Request): Promise<Record<string, string>> {
  if (!hasRequestBody(req)) return {};
  if (!req.is('application/x-www-form-urlencoded')) throw new AppError('unsupported_media_type', 'Send the body as application/x-www-form-urlencoded.');
  if (Number(req.headers['content-length'] ?? 0) > FORM_MAX_BYTES) throw formTooLarge();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > FORM_MAX_BYTES) throw formTooLarge();
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** The body sent on: the upload streamed, a form as JSON, a JSON body as parsed; none for a method without one. */
async function upstreamBody(req: Request, route: ApiRoute): Promise<Buffer | Readable | undefined> {
  if (route.upload) return uploadBody(req, route.upload);
  if (route.formBody) return Buffer.from(JSON.stringify(await formBody(req)));
  return BODY_METHODS.has(req.method) && req.body !== undefined ? Buffer.from(JSON.stringify(req.body)) : undefined;
}

/**
 * The request itself as the body of an upload route, counted as it passes: another media type is
 * 415 and more than the route's limit 413, announced or sent, before the service has to read on.
 */
function uploadBody(req: Request, upload: NonNullable<ApiRoute['upload']>): Readable {
  if (!req.is(upload.mediaType)) throw new AppError('unsupported_media_type', `Send the file as ${upload.mediaType}.`);
  if (Number(req.headers['content-length'] ?? 0) > upload.maxBytes) throw tooLarge(upload.maxBytes);
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > upload.maxBytes ? tooLarge(upload.maxBytes) : null, chunk);
    },
  });
  req.on('error', (err) => counted.destroy(err));
  return req.pipe(counted);
}

/**
 * Forwards an authorised request with the caller context (none on public routes) in a credential
 * for the upstream service and this one request (ADR 38), signed with the gateway's key. The JSON
 * body was already parsed (and size-checked) by the app, and is sent re-serialised (a form body too,
 * as JSON): what the service receives is exactly what the gateway judged, with no second parser to
 * disagree about duplicate keys.
 */
export function forwardTo(upstream: Upstream, route: ApiRoute, trust: { keys: Pick<ServiceKeys, 'service' | 'signing'>; stepUp: StepUpPolicy }): RequestHandler {
  const { keys, stepUp } = trust;
  return async (req, res) => {
    const context = callerOf(req, route, stepUp);
    const method = req.method;
    const credential = context
      ? (to: { audience: string; path: string }) => ({ [CALLER_HEADER]: signCaller(context, keys, { audience: to.audience, method, path: to.path }) })
      : undefined;
    const body = await upstreamBody(req, route);
    res.setHeader('Cache-Control', 'no-store');
    const headers = { ...upstreamHeaders(req, body), ...(route.formBody ? { 'content-type': 'application/json' } : {}) };
    const request = { method, path: upstreamPath(req, route), headers, credential, body, timeoutMs: route.timeoutMs };
    await upstream.forward(route.success.download ? { ...request, returnHeaders: DOWNLOAD_HEADERS } : request, res);
  };
}
