import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  newUserBody, passwordBody, roleList, roleRepresentation, toNewUser, userRepresentation, userUpdateBody,
} from './admin-representations';
import { ADMIN_ROLES } from './claims';
import { bearerToken, readJson, sendEmpty, sendJson } from './http';
import type { TokenVerifier } from './token-verifier';
import type { EmailVerification } from './email-verification';
import { ADMIN_CLIENT_ID, ADMIN_PATH } from './types';
import { UserConflictError, type StoredUser, type UserStore } from './users';

type Json = Record<string, unknown>;

function isAdmin(claims: Json): boolean {
  const access = claims.resource_access as { 'realm-management'?: { roles?: string[] } } | undefined;
  const roles = access?.['realm-management']?.roles ?? [];
  return claims.azp === ADMIN_CLIENT_ID && ADMIN_ROLES.every((r) => roles.includes(r));
}

function matches(user: StoredUser, query: URLSearchParams): boolean {
  const exact = query.get('exact') === 'true';
  const test = (value: string, wanted: string | null) =>
    wanted === null || (exact ? value === wanted.toLowerCase() : value.includes(wanted.toLowerCase()));
  const search = query.get('search');
  return test(user.email, query.get('email')) && test(user.username, query.get('username'))
    && (search === null || [user.email, user.username, user.firstName.toLowerCase(), user.lastName.toLowerCase()]
      .some((v) => v.includes(search.toLowerCase().replaceAll('*', ''))));
}

/** The slice of Keycloak's Admin REST API the identity service's development adapter calls. */
export function createAdminApi(users: UserStore, verify: TokenVerifier, baseUrl: string, verification: Pick<EmailVerification, 'send'>) {
  const badRequest = (res: ServerResponse, message: string) => sendJson(res, 400, { errorMessage: message });
  const notFound = (res: ServerResponse, what = 'User') => sendJson(res, 404, { error: `${what} not found` });

  async function handleUsers(req: IncomingMessage, res: ServerResponse, url: URL, parts: string[]): Promise<void> {
    const [id, sub, scope] = parts;
    if (!id) {
      if (req.method === 'GET') {
        const first = Number(url.searchParams.get('first') ?? 0);
        const max = Number(url.searchParams.get('max') ?? 100);
        const found = users.list().filter((u) => matches(u, url.searchParams));
        return sendJson(res, 200, found.slice(first, first + max).map(userRepresentation));
      }
      if (req.method !== 'POST') return sendEmpty(res, 405);
      const body = newUserBody.safeParse(await readJson(req));
      if (!body.success) return badRequest(res, body.error.issues.map((i) => i.path.join('.') || i.message).join(', '));
      const unknownRole = body.data.realmRoles?.find((r) => !users.realmRoles.has(r));
      if (unknownRole) return notFound(res, 'Role');
      try {
        const user = await users.add(toNewUser(body.data));
        return sendEmpty(res, 201, { location: `${baseUrl}${ADMIN_PATH}/users/${user.id}` });
      } catch (err) {
        if (err instanceof UserConflictError) return sendJson(res, 409, { errorMessage: err.message });
        throw err;
      }
    }
    const user = users.get(id);
    if (!user) return notFound(res);
    if (sub === undefined) {
      if (req.method === 'GET') return sendJson(res, 200, userRepresentation(user));
      if (req.method === 'DELETE') {
        users.delete(id);
        return sendEmpty(res, 204);
      }
      if (req.method !== 'PUT') return sendEmpty(res, 405);
      const body = userUpdateBody.safeParse(await readJson(req));
      if (!body.success) return badRequest(res, body.error.issues.map((i) => i.path.join('.')).join(', '));
      try {
        users.update(id, body.data);
      } catch (err) {
        if (err instanceof UserConflictError) return sendJson(res, 409, { errorMessage: err.message });
        throw err;
      }
      return sendEmpty(res, 204);
    }
    if (sub === 'reset-password' && req.method === 'PUT') {
      const body = passwordBody.safeParse(await readJson(req));
      if (!body.success) return badRequest(res, 'invalid credential');
      await users.setPassword(id, body.data.value);
      return sendEmpty(res, 204);
    }
    if (sub === 'role-mappings' && scope === 'realm') return handleRoleMappings(req, res, user);
    if (sub === 'send-verify-email') return req.method === 'PUT' ? verification.send(res, user, url.searchParams) : sendEmpty(res, 405);
    return notFound(res, 'Resource');
  }

  async function handleRoleMappings(req: IncomingMessage, res: ServerResponse, user: StoredUser): Promise<void> {
    if (req.method === 'GET') return sendJson(res, 200, [...user.roles].map(roleRepresentation));
    if (req.method !== 'POST' && req.method !== 'DELETE') return sendEmpty(res, 405);
    const body = roleList.safeParse(await readJson(req));
    if (!body.success) return badRequest(res, 'expected a list of roles');
    const names = body.data.map((r) => r.name ?? r.id ?? '');
    if (names.some((n) => !users.realmRoles.has(n))) return notFound(res, 'Role');
    names.forEach((n) => (req.method === 'POST' ? user.roles.add(n) : user.roles.delete(n)));
    users.save();
    return sendEmpty(res, 204);
  }

  function handleRoles(req: IncomingMessage, res: ServerResponse, name: string | undefined): void {
    if (req.method !== 'GET') return sendEmpty(res, 405);
    if (name === undefined) return sendJson(res, 200, [...users.realmRoles].map(roleRepresentation));
    return users.realmRoles.has(name) ? sendJson(res, 200, roleRepresentation(name)) : notFound(res, 'Role');
  }

  /** Answers a request under ADMIN_PATH, after checking the caller holds an admin service-account token. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const token = bearerToken(req);
    const claims = token ? await verify(token) : undefined;
    if (!claims) return sendJson(res, 401, { error: 'HTTP 401 Unauthorized' }, { 'www-authenticate': 'Bearer realm="homi"' });
    if (!isAdmin(claims)) return sendJson(res, 403, { error: 'HTTP 403 Forbidden' });
    const [collection, ...rest] = url.pathname.slice(ADMIN_PATH.length + 1).split('/').map(decodeURIComponent);
    if (collection === 'users') return handleUsers(req, res, url, rest);
    if (collection === 'roles') return handleRoles(req, res, rest[0]);
    return notFound(res, 'Resource');
  };
}
