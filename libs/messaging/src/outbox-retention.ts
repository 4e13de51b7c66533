import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxMessageSchema } from './outbox';

const DELETE_BATCH = 500;
const DELETE_BATCHES_PER_RUN = 20;

/**
 * Deletes outbox rows published before `cutoff`, a few hundred per statement so that no long
 * lock or huge transaction competes with the relay. Unpublished rows are never touched.
 */
export async function deletePublishedBefore(em: EntityManager, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < DELETE_BATCHES_PER_RUN; i++) {
    const fork = em.fork();
    const rows = await fork.find(
      OutboxMessageSchema,
      { publishedAt: { $lt: cutoff } },
      { fields: ['id'], limit: DELETE_BATCH },
    );
    if (rows.length === 0) break;
    deleted += await fork.nativeDelete(OutboxMessageSchema, { id: { $in: rows.map((r) => r.id) } });
    if (rows.length < DELETE_BATCH) break;
  }
  return deleted;
}
