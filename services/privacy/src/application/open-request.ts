import type { DataSubject, RequestType } from '@homi/contracts';
import { PrivacyRequest, type RequestPurpose, type Requester } from '../domain/request';
import { commandOwners } from './command-owners';
import { commandableOwners } from './known-owners';
import type { Deps } from './deps';
import { eraseTenantUsage } from './erase-tenant-usage';
import type { Repositories } from './ports';
import { purgeExportsOfSubject } from './purge-exports-of-subject';

export interface NewRequest {
  id: string;
  type: RequestType;
  subject: DataSubject;
  requester: Requester;
  corrections?: Record<string, string>;
  parentId?: string;
  /** The helpdesk ticket it comes from (ADR 44). */
  ticketId?: string;
  /** What raised it, for the audit trail: `api` or `account-deletion`. */
  source: 'api' | 'account-deletion';
  /** An institute's own export rather than a data subject's request (ADR 54); `data-subject` when left out. */
  purpose?: RequestPurpose;
}

/**
 * Records a request and commands every owner registered at this moment that the configuration names, in the caller's unit of
 * work: the request and its one RequestCommanded are committed together or not at all.
 * With no owner registered yet the request is recorded all the same; the scheduler commands the
 * owners once some have announced themselves.
 */
export async function openRequest(repositories: Repositories, deps: Pick<Deps, 'clock' | 'settings'>, spec: NewRequest): Promise<PrivacyRequest> {
  const { requests, owners, audit } = repositories;
  const now = deps.clock();
  const request = new PrivacyRequest(spec.id, spec.type, spec.subject, spec.requester, now);
  request.purpose = spec.purpose ?? 'data-subject';
  request.parentId = spec.parentId ?? null;
  request.ticketId = spec.ticketId ?? null;
  request.corrections = spec.corrections ?? null;
  requests.add(request);
  const names = await commandableOwners(owners, deps.settings);
  await audit.append(request.id, now, spec.requester.userId, 'request.received', {
    type: spec.type,
    subjectKind: spec.subject.kind,
    source: spec.source,
    ...(spec.purpose === 'institute-export' ? { purpose: spec.purpose } : {}),
    parentId: request.parentId,
    ...(request.ticketId ? { ticketId: request.ticketId } : {}),
    dueAt: request.dueAt.toISOString(),
    owners: names,
    corrections: spec.corrections ? Object.keys(spec.corrections).length : 0,
  });
  await commandOwners(repositories, deps.settings, request, names.map((owner) => ({ owner })), now);
  if (spec.type === 'erasure') await purgeExportsOfSubject(repositories, spec.subject, now, request.id);
  if (spec.type === 'erasure') await eraseTenantUsage(repositories, spec.subject, now, request.id);
  return request;
}
