import type { UseCaseBasics } from '@homi/service-kit';
import type { PartChunks, PrivacyUnitOfWork } from './ports';

export interface Settings {
  /** Wait for an answer after the first command; doubles per attempt up to retryMaxMs. */
  retryAfterMs: number;
  retryMaxMs: number;
  exportTtlDays: number;
  partMaxBytes: number;
  /** The data owners the configuration names: only they are registered and commanded (ADR 42). */
  owners: readonly string[];
}

/** What the use cases need from the outside world; service.ts wires the real ones, tests their own. */
export interface Deps extends UseCaseBasics<PrivacyUnitOfWork> {
  /** The export parts' bytes, written and read outside any transaction. */
  chunks: PartChunks;
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
