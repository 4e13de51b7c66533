import type { EntityManager } from '@mikro-orm/postgresql';
import type { DataSubject } from '@homi/contracts';
import { appendAudit } from '../infrastructure/audit-trail';
import type { Deps } from './deps';

/**
 * When a subject's data is to be erased, the access packages made for that subject earlier are
 * personal data too: their stored parts go at once and their download ends, whatever their
 * expiry. An erasure of a whole tenant covers every package of that tenant's clients.
 */
export async function purgeExportsOfSubject(em: EntityManager, deps: Pick<Deps, 'parts'>, subject: DataSubject, now: Date, erasureId: string): Promise<void> {
  const match =
    subject.kind === 'user'
      ? { sql: `subject ->> 'kind' = 'user' and subject ->> 'userId' = ?`, params: [subject.userId] }
      : subject.kind === 'client'
        ? { sql: `subject ->> 'kind' = 'client' and subject ->> 'tenantId' = ? and subject ->> 'clientId' = ?`, params: [subject.tenantId, subject.clientId] }
        : { sql: `subject ->> 'tenantId' = ?`, params: [subject.tenantId] };
  const rows = await em.execute<{ id: string }[]>(
    `update requests set export_expires_at = least(coalesce(export_expires_at, ?), ?)
       where type = 'access' and ${match.sql} returning id`,
    [now, now, ...match.params],
  );
  for (const { id } of rows) {
    const parts = await deps.parts.deleteRequest(em, id);
    await appendAudit(em, id, now, 'system', 'export.purged', { reason: 'erasure requested', erasureRequestId: erasureId, parts });
  }
}
