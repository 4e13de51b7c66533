import type { EntityManager } from '@mikro-orm/postgresql';
import type { DataSubject, RequestType } from '@homi/contracts';
import { PrivacyRequest, type Requester } from '../domain/request';
import { appendAudit } from '../infrastructure/audit-trail';
import { OwnerRegistry } from '../infrastructure/owner-registry';
import { commandOwners } from './command-owners';
import { purgeExportsOfSubject } from './purge-exports-of-subject';
import { eraseTenantUsage } from '../usage/application/erase-tenant-usage';
import type { Deps } from './deps';

export interface NewRequest {
  id: string;
  type: RequestType;
  subject: DataSubject;
  requester: Requester;
  corrections?: Record<string, string>;
  parentId?: string;
  /** What raised it, for the audit trail: `api` or `account-deletion`. */
  source: 'api' | 'account-deletion';
}

/**
 * Records a request and commands every owner registered at this moment, in the caller's
 * transaction: the request and its one RequestCommanded are committed together or not at all.
 * With no owner registered yet the request is recorded all the same; the scheduler commands the
 * owners once some have announced themselves.
 */
export async function openRequest(em: EntityManager, deps: Pick<Deps, 'clock' | 'settings' | 'parts'>, spec: NewRequest): Promise<PrivacyRequest> {
  const now = deps.clock();
  const request = new PrivacyRequest(spec.id, spec.type, spec.subject, spec.requester, now);
  request.parentId = spec.parentId ?? null;
  request.corrections = spec.corrections ?? null;
  em.persist(request);
  const owners = await new OwnerRegistry(em).names();
  await appendAudit(em, request.id, now, spec.requester.userId, 'request.received', {
    type: spec.type,
    subjectKind: spec.subject.kind,
    source: spec.source,
    parentId: request.parentId,
    dueAt: request.dueAt.toISOString(),
    owners,
    corrections: spec.corrections ? Object.keys(spec.corrections).length : 0,
  });
  await commandOwners(em, deps.settings, request, owners.map((owner) => ({ owner })), now);
  if (spec.type === 'erasure') await purgeExportsOfSubject(em, deps, spec.subject, now, request.id);
  if (spec.type === 'erasure') await eraseTenantUsage(em, spec.subject, now, request.id);
  return request;
}
