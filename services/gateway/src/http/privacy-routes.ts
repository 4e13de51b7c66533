import { isId } from '@homi/service-kit';
import { privacyApi as api } from '@homi/contracts';
import { auditedClientId, prefixedId } from './path-ids';
import { roles } from '../domain/access';
import type { ApiRoute, Audience } from './api-route';

const REQUESTS = '/privacy/requests';
const REQUEST_ID = { id: prefixedId('dsr', 'Privacy request', 'privacyRequestId') };
const common = { upstream: 'privacy', tag: 'Privacy requests' } as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The institute a request body acts for: `subject: {kind: 'client', tenantId}` with a well-formed
 * tenant id. Anything else names no tenant and goes on tenant-less for the service to judge.
 */
export function clientSubjectTenant(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body.subject)) return undefined;
  const { kind, tenantId } = body.subject;
  return kind === 'client' && typeof tenantId === 'string' && isId(tenantId, 'ten') ? tenantId : undefined;
}

/** The client a request about a client names, for the tenant's audit log (an id only, never the corrections). */
export function clientSubjectIds(body: unknown): Record<string, string> {
  return isRecord(body) && isRecord(body.subject) ? auditedClientId(body.subject.clientId) : {};
}

// Exercising GDPR rights never waits on accepting a new privacy statement; reading one's own
// requests and downloading a package asked for before also work for a deleted account (ADR 11).
// Requests about an institute's clients are judged on the caller's memberships as they are now.
const user: Audience = { kind: 'user', statementRequired: false, memberships: 'attached' };
const evenDisabled: Audience = { ...user, disabledAccount: 'admitted' };
const CLIENT_RIGHTS = 'A request about a client is for the institute\'s owners and admins holding clients:view (access) or ' +
  'clients:edit (erasure, rectification) now: the requester too, only while they do (403 `client-permission-required`).';
const NO_STATEMENT = 'Open without the current privacy statement accepted: exercising GDPR rights never waits on accepting a new one.';
const WHILE_DISABLED = 'A disabled account is admitted while its token is valid, so whoever deleted their account';

/** Data-subject requests and the record of processing: the privacy service's public routes. Its /internal routes are never routed. */
export const PRIVACY_ROUTES: readonly ApiRoute[] = [
  {
    ...common, operationId: 'createPrivacyRequest', method: 'post', path: REQUESTS, ids: {},
    summary: 'Ask for access, erasure or rectification', body: api.CreatePrivacyRequest,
    audience: { ...user, bodyTenant: clientSubjectTenant }, audit: true, auditIds: clientSubjectIds,
    notes: `${NO_STATEMENT} About yourself: \`subject: {kind: "self"}\`. About a client of an institute: ` +
      '`subject: {kind: "client", tenantId, clientId}`; you must be a member of that tenant (404 otherwise, as for every tenant) ' +
      'and its owner or admin (403 `role-required`) with clients:view for access, clients:edit for erasure and rectification ' +
      '(403 `client-permission-required`); nothing is recorded otherwise. `corrections` (field → new value) only with a rectification. ' +
      '`ticketId` (about yourself only) names the helpdesk ticket the request comes from: one request per requester and ticket, ' +
      'a repeat answers that one (ADR 44). A disabled account is refused. The body is passed on as parsed (the same JSON value) for the privacy service to validate.',
    errors: { 403: 'PrivacyRoleRequired', 404: 'NotFound' },
    success: { status: 202, description: 'Received; `Location` names the request. It is due within four weeks.', schema: api.PrivacyRequestAccepted, location: true },
  },
  {
    ...common, operationId: 'listPrivacyRequests', method: 'get', path: REQUESTS, ids: {}, audience: evenDisabled,
    summary: 'The requests you made, newest first', query: api.ListPrivacyRequestsQuery,
    notes: `${NO_STATEMENT} ${WHILE_DISABLED} can follow its erasure (ADR 11). ${CLIENT_RIGHTS} Those you may no longer follow are left out.`,
    success: { status: 200, description: 'One page of your requests with status, deadline, per-owner progress and report.', schema: api.PrivacyRequestPage },
  },
  {
    ...common, operationId: 'getPrivacyRequest', method: 'get', path: `${REQUESTS}/:id`, ids: REQUEST_ID, audience: evenDisabled,
    summary: 'One request: status, deadline, per-owner progress, report',
    notes: `${NO_STATEMENT} ${WHILE_DISABLED} can follow its erasure (ADR 11). Your own requests; ${CLIENT_RIGHTS} ` +
      'The realm role `operator` (privacy officer, after a recent multi-factor sign-in) may read any request\'s progress.',
    errors: { 403: 'ClientPermissionRequired', 404: 'NotFound' },
    success: { status: 200, description: 'The request.', schema: api.PrivacyRequest },
  },
  {
    ...common, operationId: 'downloadPrivacyExport', method: 'get', path: `${REQUESTS}/:id/export`, ids: REQUEST_ID, audience: evenDisabled,
    summary: 'Download the access package (zip)',
    notes: `${NO_STATEMENT} ${WHILE_DISABLED} can download a package asked for before (ADR 11). ` +
      `Only the requester (${CLIENT_RIGHTS}), once the request is completed, for a limited time (410 after). ` +
      'The package is streamed as it is built; `Content-Disposition` names the file.',
    errors: { 403: 'ClientPermissionRequired', 404: 'NotFound', 409: 'PrivacyRequestNotCompleted', 410: 'ExportExpired' },
    success: { status: 200, description: 'The package: per owner and category a JSON and a CSV file, and the art. 15 information.', download: { mediaType: 'application/zip' } },
  },
  {
    ...common, operationId: 'extendPrivacyRequest', method: 'post', path: `${REQUESTS}/:id/extension`, ids: REQUEST_ID, audience: user,
    summary: 'Extend the deadline once by one or two months', body: api.ExtendPrivacyRequest,
    notes: `${NO_STATEMENT} Only the controller: the realm role \`operator\` (after a recent multi-factor sign-in) for any request, ` +
      `or the institute's requester for its client's request (403 \`extension-not-allowed\` otherwise; ${CLIENT_RIGHTS}). The requester is notified.`,
    errors: { 403: 'ExtensionNotAllowed', 404: 'NotFound' },
    success: { status: 200, description: 'The request with its new deadline.', schema: api.PrivacyRequest },
  },
  {
    ...common, operationId: 'getDataMap', method: 'get', path: '/privacy/data-map', ids: {}, audience: user,
    summary: 'The record of processing (GDPR art. 30)', notes: NO_STATEMENT,
    success: { status: 200, description: 'What personal data each service holds, why, on which basis, for how long, and for whom.', schema: api.DataMap },
  },
  ...instituteExportRoutes(),
];

/**
 * The institute's export of everything it holds (ADR 54): its owners' alone, never HOMi support's
 * (the zip holds every client's health data decrypted); starting one and downloading it are on the
 * institute's audit log, recorded before the call is forwarded.
 */
function instituteExportRoutes(): ApiRoute[] {
  const EXPORTS = '/tenants/:tenantId/exports';
  const owner: Audience = { kind: 'tenant', access: roles('owner'), support: 'never' };
  const base = { upstream: 'privacy', tag: 'Institute', audience: owner } as const;
  const WHO = 'Owners of the institute only (403 `role-required` for admins and staff; HOMi support never).';
  return [
    {
      ...base, operationId: 'startInstituteExport', method: 'post', path: EXPORTS, ids: {}, audit: true,
      summary: 'Export everything the institute holds', notes: `${WHO} Every service that holds the institute's data (profile, treatments, ` +
        'clients, appointments, notes and alerts decrypted, invoices, members, tickets) adds its part; while one export is under way, ' +
        'asking again answers that one. Not a privacy request: it does not show among them.',
      success: { status: 202, description: 'The export, under way; `Location` names its download.', schema: api.InstituteExport, location: true },
    },
    {
      ...base, operationId: 'listInstituteExports', method: 'get', path: EXPORTS, ids: {},
      summary: 'The institute\'s recent exports and their progress', notes: WHO,
      success: { status: 200, description: 'The last 20 exports, newest first: status, per-service progress and record counts.', schema: api.InstituteExportList },
    },
    {
      ...base, operationId: 'downloadInstituteExport', method: 'get', path: `${EXPORTS}/:exportId`, audit: true,
      ids: { exportId: prefixedId('dsr', 'Export', 'exportId') },
      summary: 'Download the export (zip) when it is ready',
      notes: `${WHO} Streamed as it is built: per service and category a JSON file, a CSV beside it for clients, appointments, treatments, ` +
        'invoices and members, a manifest.json with every file and its record count. Health data is in it decrypted; every download is ' +
        'on the institute\'s audit log. 409 `export-not-ready` until every service answered; 410 `export-expired` after its download window.',
      errors: { 403: 'Forbidden', 404: 'NotFound', 409: 'ExportNotReady', 410: 'ExportExpired' },
      success: { status: 200, description: 'The zip of everything the institute holds.', download: { mediaType: 'application/zip' } },
    },
  ];
}
