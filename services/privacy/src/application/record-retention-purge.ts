import type { RetentionPurged } from '@homi/contracts';
import type { Deps } from './deps';
import type { Repositories } from './ports';

/**
 * Puts an owner's retention report on that owner's hash-chained retention trail and moves the
 * category's last purge forward. Exactly once per report: the consumer's inbox commits with it
 * (the subscriber passes the repositories over its message's transaction).
 */
export function recordRetentionReport({ retentionTrail }: Pick<Repositories, 'retentionTrail'>, deps: Pick<Deps, 'clock'>, report: RetentionPurged): Promise<number> {
  return retentionTrail.record(report, deps.clock());
}
