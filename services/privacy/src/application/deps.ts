import type { PartChunks, PrivacyUnitOfWork } from './ports';

export interface Settings {
  /** Wait for an answer after the first command; doubles per attempt up to retryMaxMs. */
  retryAfterMs: number;
  retryMaxMs: number;
  exportTtlDays: number;
  partMaxBytes: number;
}

/** What the use cases need from the outside world; service.ts wires the real ones, tests their own. */
export interface Deps {
  /** Every transaction of the use cases (ADR 35): they see repositories, never `em`. */
  uow: PrivacyUnitOfWork;
  /** The export parts' bytes, written and read outside any transaction. */
  chunks: PartChunks;
  clock: () => Date;
  newId: (prefix: string) => string;
  settings: Settings;
}

export interface UsageSettings {
  /** k: the fewest tenants a served statistics bucket may stand for. */
  minBucket: number;
  /** How long after a day's end events for it are still counted with their tenant deduplicated. */
  closeGraceMs: number;
}

/** What the usage statistics' use cases need (ADR 16). */
export interface UsageDeps {
  uow: PrivacyUnitOfWork;
  clock: () => Date;
  /** 32 random bytes: a day's digest key. */
  randomKey: () => Buffer;
  settings: UsageSettings;
}
