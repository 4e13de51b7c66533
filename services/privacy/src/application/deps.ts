import type { Database } from '../infrastructure/database';
import type { PartStore } from '../infrastructure/part-store';

export interface Settings {
  /** Wait for an answer after the first command; doubles per attempt up to retryMaxMs. */
  retryAfterMs: number;
  retryMaxMs: number;
  exportTtlDays: number;
  partMaxBytes: number;
}

/** What the use cases need from the outside world; service.ts wires the real ones, tests their own. */
export interface Deps {
  db: Database;
  parts: PartStore;
  clock: () => Date;
  newId: (prefix: string) => string;
  settings: Settings;
}
