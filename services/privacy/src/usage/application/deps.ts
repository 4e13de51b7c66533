import type { Database } from '../../infrastructure/database';

export interface UsageSettings {
  /** k: the fewest tenants a served statistics bucket may stand for. */
  minBucket: number;
  /** How long after a day's end events for it are still counted with their tenant deduplicated. */
  closeGraceMs: number;
}

/** What the usage use cases need from the outside world. */
export interface UsageDeps {
  db: Database;
  clock: () => Date;
  /** 32 random bytes: a day's digest key. */
  randomKey: () => Buffer;
  settings: UsageSettings;
}
