import type { DataSubject } from '@homi/contracts';
import { SYSTEM_ACTOR } from '../domain/audit';
import type { Repositories } from './ports';

/**
 * When a subject's data is to be erased, the access packages made for that subject earlier are
 * personal data too: their stored parts go at once and their download ends, whatever their
 * expiry. An erasure of a whole tenant covers every package of that tenant's clients.
 */
export async function purgeExportsOfSubject(
  { requests, parts, audit }: Pick<Repositories, 'requests' | 'parts' | 'audit'>,
  subject: DataSubject,
  now: Date,
  erasureId: string,
): Promise<void> {
  for (const id of await requests.endExportsOf(subject, now)) {
    const deleted = await parts.deleteRequest(id);
    await audit.append(id, now, SYSTEM_ACTOR, 'export.purged', { reason: 'erasure requested', erasureRequestId: erasureId, parts: deleted });
  }
}
