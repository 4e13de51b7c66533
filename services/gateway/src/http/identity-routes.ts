import { identityApi as api } from '@homi/contracts';
import { needs } from '../domain/access';
import { memberUserId, prefixedId } from './path-ids';
import type { ApiRoute, Audience } from './api-route';

const MEMBERS = '/tenants/:tenantId/members';
const MEMBER_ID = { userId: memberUserId };
const INVITATIONS = '/tenants/:tenantId/invitations';
const INVITATION_ID = { invitationId: prefixedId('ivt', 'Invitation', 'invitationId') };
const CODE_ERRORS = { 410: 'MailCodeGone' } as const;
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
    notes: 'Name and phone change at once. A new e-mail address becomes `pendingEmail`: a confirmation code is mailed to it (in the ' +
      'language of `Accept-Language`, nl or en) and the current address stays in use until POST /me/email-confirmations. The answer ' +
      'is the same when the new address already has an account (that mailbox is told instead, and no code can confirm it). ' +
      'Sending the current address again withdraws a pending change. 503 `mail-unavailable`: the mail could not be sent, nothing changed.',
    success: { status: 200, description: 'Your changed profile, with the pending address if any.', schema: api.Me },
  },
  {
    ...common, operationId: 'confirmEmailChange', method: 'post', path: '/me/email-confirmations', tag: 'Account',
    summary: 'Confirm a new e-mail address with the mailed code', audience: { kind: 'user', statementRequired: false }, body: api.MailTokenBody,
    notes: 'Signed in as the account that asked, with the code mailed to the new address: both the account and the mailbox are proven. ' +
      'The address changes here and at the identity provider (verified); the old address gets a notice. 404 `email-change-not-found` ' +
      '(no pending change with this code), 410 `email-change-expired`, 409 `email-taken` (another account took the address meanwhile).',
    errors: { 410: 'MailCodeGone' },
    success: { status: 200, description: 'Your profile with the new address.', schema: api.Me },
  },
  {
    ...common, operationId: 'cancelEmailChange', method: 'delete', path: '/me/pending-email', tag: 'Account',
    summary: 'Withdraw a pending e-mail change', audience: { kind: 'user', statementRequired: false },
    success: { status: 204, description: 'Withdrawn (also when there was none); the mailed code no longer works.' },
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
    ...common, operationId: 'listStaff', method: 'get', path: '/tenants/:tenantId/staff', tag: 'Appointments',
    summary: 'Colleagues who can be booked, by name', audience: { kind: 'tenant', access: needs('agenda', 'view') },
    notes: 'Every member of the institute by `userId` and `name` only: the agenda\'s columns and its staff picker. It needs agenda:view, ' +
      'where the member list (with addresses, roles and permissions) needs users:view, so a receptionist can book for a colleague.',
    success: { status: 200, description: 'The members by id and name, oldest membership first.', schema: api.StaffList },
  },
  {
    ...common, operationId: 'addMember', method: 'post', path: MEMBERS, tag: 'Members',
    summary: 'Invite a colleague', audience: members('edit'), body: api.AddMember,
    notes: 'Nobody is added here: a pending invitation (7 days) is recorded and its link mailed to the address (in `locale`, default nl); ' +
      'the colleague becomes a member on accepting. The answer is the same whether or not the address has an account. Nobody grants a ' +
      'role or module level above their own (403 `owner-role-required`, `role-not-allowed`, `permission-not-allowed`); 409 ' +
      '`already-member` (a member of this institute has the address) or `already-invited` (an open invitation exists: withdraw it first); ' +
      '503 `mail-unavailable` (nothing recorded).',
    success: { status: 202, description: 'The pending invitation; `Location` names it.', schema: api.Invitation, location: true },
  },
  {
    ...common, operationId: 'listInvitations', method: 'get', path: INVITATIONS, tag: 'Members',
    summary: 'Open invitations of the institute', audience: members('view'),
    success: { status: 200, description: 'Invitations not yet accepted, declined, withdrawn or expired; newest first.', schema: api.InvitationList },
  },
  {
    ...common, operationId: 'revokeInvitation', method: 'delete', path: `${INVITATIONS}/:invitationId`, ids: INVITATION_ID, tag: 'Members',
    summary: 'Withdraw an invitation', audience: members('edit'),
    notes: 'Its link then answers 410 `invitation-revoked`. 409 `invitation-not-pending` when it was already decided or expired; 403 as ' +
      'for inviting when it offers more than the caller could grant.',
    success: { status: 204, description: 'Withdrawn.' },
  },
  {
    ...common, operationId: 'lookUpInvitation', method: 'post', path: '/invitation-lookups', tag: 'Members',
    summary: 'What an invitation code offers', audience: { kind: 'public', limit: 'address' }, body: api.MailTokenBody,
    notes: 'For the page the mailed link opens (`/invitations/accept#token=…`); the code travels in the body, never in a URL. ' +
      '404 `invitation-not-found`, 410 `invitation-expired` · `invitation-revoked` · `invitation-declined`, 409 `invitation-used`.',
    errors: CODE_ERRORS,
    success: { status: 200, description: 'The institute, role, permissions and invited address.', schema: api.InvitationPreview },
  },
  {
    ...common, operationId: 'declineInvitation', method: 'post', path: '/invitation-declines', tag: 'Members',
    summary: 'Decline an invitation', audience: { kind: 'public', limit: 'address' }, body: api.MailTokenBody,
    notes: 'No account needed: the code proves the mailbox. Errors as for looking it up.',
    errors: CODE_ERRORS,
    success: { status: 204, description: 'Declined; the institute sees it in its audit log.' },
  },
  {
    ...common, operationId: 'signUpByInvitation', method: 'post', path: '/invitation-signups', tag: 'Members',
    summary: 'Create an account by accepting an invitation', audience: { kind: 'public', limit: 'signup' }, body: api.InvitationSignup,
    notes: 'The account gets the invited address, verified by the code; the membership is created at once. Without ' +
      '`acceptedPrivacyStatementVersion` the statement is accepted on first use, as any colleague does. 409 `email-taken` (the address ' +
      'has an account: sign in and accept instead), `weak-password` 400, `privacy-statement-outdated` 409; code errors as for looking it up.',
    errors: CODE_ERRORS,
    success: { status: 201, description: 'The new user and the tenant joined.', schema: api.SignupResult },
  },
  {
    ...common, operationId: 'acceptInvitation', method: 'post', path: '/invitation-acceptances', tag: 'Members',
    summary: 'Accept an invitation with your account', audience: { kind: 'user', statementRequired: false }, body: api.MailTokenBody,
    notes: 'Only the account whose confirmed address is the invitation\'s (403 `invitation-email-mismatch`), with the mailed code. ' +
      '409 `already-member`; 410 `invitation-revoked` also when the inviter can no longer grant what was offered; other code errors as for looking it up.',
    errors: CODE_ERRORS,
    success: { status: 200, description: 'The membership: tenantId, role, permissions.', schema: api.InvitationAccepted },
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
