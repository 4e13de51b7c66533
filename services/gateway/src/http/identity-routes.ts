import { identityApi as api } from '@homi/contracts';
import { needs } from '../domain/access';
import { memberUserId } from './path-ids';
import type { ApiRoute, Audience } from './route-table';

const MEMBERS = '/tenants/:tenantId/members';
const MEMBER_ID = { userId: memberUserId };
const common = { upstream: 'identity', ids: {} } as const;
// Who belongs to an institute and with which rights is the institute's own business: never open to a
// support user under a grant (identity records member changes in the audit log itself).
const members = (level: 'view' | 'edit'): Audience => ({ kind: 'tenant', access: needs('users', level), support: 'never' });

/**
 * The answer of GET /privacy-statements. The contracts have no schema for it yet; this belongs in
 * libs/contracts/src/api/identity.ts next to PrivacyStatement, and should move there.
 */

/** Sign-up, the privacy statement, the user's own account and a tenant's members: identity's routes. */
export const IDENTITY_ROUTES: readonly ApiRoute[] = [
  {
    ...common, operationId: 'getPrivacyStatement', method: 'get', path: '/privacy-statement', tag: 'Privacy statement',
    summary: 'The privacy statement in force', audience: { kind: 'public', limit: 'address' },
    success: { status: 200, description: 'The current statement: version, publishedAt, text.', schema: api.PrivacyStatement },
  },
  {
    ...common, operationId: 'listPrivacyStatements', method: 'get', path: '/privacy-statements', tag: 'Privacy statement',
    summary: 'Every published privacy statement', audience: { kind: 'public', limit: 'address' },
    success: { status: 200, description: 'The published statements.', schema: api.PrivacyStatementList },
  },
  {
    ...common, operationId: 'signUp', method: 'post', path: '/signup', tag: 'Account',
    summary: 'Create an account and its institute', audience: { kind: 'public', limit: 'signup' }, body: api.Signup,
    success: { status: 201, description: 'The new user, owner of the new tenant.', schema: api.SignupResult },
  },
  {
    ...common, operationId: 'getMe', method: 'get', path: '/me', tag: 'Account',
    summary: 'Your profile and memberships', audience: { kind: 'user', statementRequired: false },
    success: { status: 200, description: 'Your profile, memberships and the statement versions.', schema: api.Me },
  },
  {
    ...common, operationId: 'updateMe', method: 'patch', path: '/me', tag: 'Account',
    summary: 'Correct your own data', audience: { kind: 'user', statementRequired: true }, body: api.UpdateMe,
    success: { status: 200, description: 'Your changed profile.', schema: api.Me },
  },
  {
    ...common, operationId: 'deleteMe', method: 'delete', path: '/me', tag: 'Account',
    summary: 'Delete your account', audience: { kind: 'user', statementRequired: false, recentSignIn: { maxAgeSeconds: 300 } },
    notes: 'Erases your account and, where you are the only owner, the whole institute: it needs a sign-in of at most 5 minutes ago ' +
      '(401 `reauthentication-required` otherwise, with RFC 9470\'s `max_age` in `WWW-Authenticate`: sign in again, then retry).',
    success: { status: 202, description: 'Login is disabled; erasure follows under the named request.', schema: api.AccountDeletion },
  },
  {
    ...common, operationId: 'acceptPrivacyStatement', method: 'post', path: '/me/privacy-statement-acceptances', tag: 'Account',
    summary: 'Accept a privacy statement version', audience: { kind: 'user', statementRequired: false }, body: api.AcceptPrivacyStatement,
    success: { status: 204, description: 'Accepted.' },
  },
  {
    ...common, operationId: 'publishPrivacyStatement', method: 'post', path: '/admin/privacy-statements', tag: 'Operators',
    summary: 'Publish a new privacy statement version', audience: { kind: 'realm-role', role: 'operator' }, body: api.PublishPrivacyStatement,
    success: { status: 201, description: 'The published statement; users must accept it before working in a tenant.', schema: api.PrivacyStatement },
  },
  {
    ...common, operationId: 'listMembers', method: 'get', path: MEMBERS, tag: 'Members',
    summary: 'Colleagues in the institute', audience: members('view'),
    success: { status: 200, description: 'The members with their role and module permissions.', schema: api.MemberList },
  },
  {
    ...common, operationId: 'addMember', method: 'post', path: MEMBERS, tag: 'Members',
    summary: 'Add a colleague', audience: members('edit'), body: api.AddMember,
    success: { status: 201, description: 'The new member; `Location` names it.', schema: api.Member, location: true },
  },
  {
    ...common, operationId: 'updateMember', method: 'patch', path: `${MEMBERS}/:userId`, ids: MEMBER_ID, tag: 'Members',
    summary: 'Change a colleague\'s role or permissions', audience: members('edit'), body: api.UpdateMember,
    success: { status: 200, description: 'The changed member.', schema: api.Member },
  },
  {
    ...common, operationId: 'removeMember', method: 'delete', path: `${MEMBERS}/:userId`, ids: MEMBER_ID, tag: 'Members',
    summary: 'Remove a colleague (never the only owner)', audience: members('edit'),
    success: { status: 204, description: 'Removed.' },
  },
];
