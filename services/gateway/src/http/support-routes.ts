import { supportApi as api } from '@homi/contracts';
import { roles, type AccessRule } from '../domain/access';
import { prefixedId } from './path-ids';
import type { ApiRoute, Audience } from './api-route';

const REQUESTS = '/support/access-requests';
const TENANT_SIDE = '/tenants/:tenantId/support-access';
const REQUEST_ID = { requestId: prefixedId('sar', 'Support access request', 'supportRequestId') };
const supportStaff: Audience = { kind: 'realm-role', role: 'support' };
// Role rules are never open to a support user under a grant: support access cannot widen or hide itself.
const tenant = (access: AccessRule): Audience => ({ kind: 'tenant', access });
const common = { upstream: 'identity', ids: {} } as const;
const decide = (verb: 'approve' | 'deny' | 'revoke', summary: string, description: string): ApiRoute => ({
  ...common, operationId: `${verb}SupportAccess`, method: 'post', path: `${TENANT_SIDE}/:requestId/${verb}`, ids: REQUEST_ID,
  tag: 'Support access', summary, audience: tenant(roles('owner')), ...(verb === 'approve' ? { body: api.ApproveSupportAccess } : {}),
  errors: { 404: 'NotFound', 409: 'Conflict' },
  success: { status: 200, description, schema: api.SupportAccessRequest },
});

/** Support staff asking for access, and the tenant deciding on it and reading its audit log: identity's routes. */
export const SUPPORT_ROUTES: readonly ApiRoute[] = [
  {
    ...common, operationId: 'requestSupportAccess', method: 'post', path: REQUESTS, tag: 'Support access', audience: supportStaff,
    summary: 'Ask a tenant for access (support staff), citing an open helpdesk ticket of it', body: api.CreateSupportAccessRequest,
    errors: { 422: 'TicketRequired' },
    notes: 'The request cites an open helpdesk ticket of the institute by `ticketId` (`solved` counts as open, `closed` does not; ' +
      'else 422 `ticket-required`, nothing recorded); closing the ticket ends the access citing it (ADR 43). ' +
      'The tenant\'s owners are notified; a write request first needs a second support user\'s co-approval.',
    success: { status: 201, description: 'The request; `Location` names it.', schema: api.SupportAccessRequest, location: true },
  },
  {
    ...common, operationId: 'listSupportAccessRequests', method: 'get', path: REQUESTS, tag: 'Support access', audience: supportStaff,
    summary: 'Your access requests, or everyone\'s awaiting co-approval', query: api.ListOwnSupportAccessQuery,
    success: { status: 200, description: 'One page of requests.', schema: api.SupportAccessRequestList },
  },
  {
    ...common, operationId: 'coApproveSupportAccess', method: 'post', path: `${REQUESTS}/:requestId/co-approve`, ids: REQUEST_ID,
    tag: 'Support access', audience: supportStaff, summary: 'Co-approve another support user\'s write request',
    errors: { 404: 'NotFound', 409: 'Conflict' },
    success: { status: 200, description: 'The request, now pending the owner\'s decision.', schema: api.SupportAccessRequest },
  },
  {
    ...common, operationId: 'listTenantSupportAccess', method: 'get', path: TENANT_SIDE, tag: 'Support access',
    summary: 'Support access asked for and granted in this institute', audience: tenant(roles('owner', 'admin')), query: api.ListTenantSupportAccessQuery,
    notes: '`status` keeps only requests in those statuses, e.g. `pending,awaiting_co_approval,active` for what is open now.',
    success: { status: 200, description: 'One page of requests with their grants.', schema: api.SupportAccessRequestList },
  },
  decide('approve', 'Approve support access, possibly narrower', 'The request with its grant; access starts now.'),
  decide('deny', 'Deny support access', 'The denied request.'),
  decide('revoke', 'End support access now', 'The revoked request; the next call under its grant is refused.'),
  {
    ...common, operationId: 'getAuditLog', method: 'get', path: '/tenants/:tenantId/audit-log', tag: 'Audit log',
    summary: 'Who did what in this institute, support access included', audience: tenant(roles('owner', 'admin')), query: api.AuditLogQuery,
    notes: 'Filters combine: `actor` (a user id), `action` (one action such as `member.changed`, or a category: `member`, ' +
      '`support-access`, `support`, `tenant`), `support=true` (only entries about HOMi support: its calls and refusals and every step ' +
      'of its access requests). The cursor pages within the same filters.',
    success: { status: 200, description: 'One page of the hash-chained log, newest first.', schema: api.AuditLogPage },
  },
  {
    ...common, operationId: 'verifyAuditLog', method: 'get', path: '/tenants/:tenantId/audit-log/verification', tag: 'Audit log',
    summary: 'Whether this institute\'s audit log chain verifies', audience: tenant(roles('owner', 'admin')),
    notes: 'Recomputes every kept entry\'s hash and its link to the entry before (or to the anchor retention left), as the ' +
      '`verify-audit` command does; names the first entry that does not chain.',
    success: { status: 200, description: 'The verification result.', schema: api.AuditLogVerification },
  },
];
