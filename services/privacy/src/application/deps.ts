import type { Database } from '../infrastructure/database';
import type { PartStore } from '../infrastructure/part-store';
import type { PrivacyUnitOfWork } from './ports';

export interface Settings {
  /** Wait for an answer after the first command; doubles per attempt up to retryMaxMs. */
  retryAfterMs: number;
  retryMaxMs: number;
  exportTtlDays: number;
  partMaxBytes: number;
}

/** What the use cases need from the outside world; service.ts wires the real ones, tests their own. */
export interface Deps {
  /** The unit of work of the converted use cases (ADR 35): they see repositories, never `em`. */
  uow: PrivacyUnitOfWork;
  /** The database of the use cases not yet converted. */
  db: Database;
  parts: PartStore;
  clock: () => Date;
  newId: (prefix: string) => string;
  settings: Settings;
}
