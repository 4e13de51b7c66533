import type { EntityManager } from '@mikro-orm/postgresql';
import type { RetentionPurged } from '@homi/contracts';
import { recordRetentionPurge } from '../infrastructure/retention-trail';
import type { Deps } from './deps';

/**
 * Puts an owner's retention report on that owner's hash-chained retention trail and moves the
 * category's last purge forward. Exactly once per report: the consumer's inbox commits with it.
 */
export async function recordRetentionReport(em: EntityManager, deps: Pick<Deps, 'clock'>, report: RetentionPurged): Promise<number> {
  const entry = await recordRetentionPurge(em, report, deps.clock());
  return entry.seq;
}
