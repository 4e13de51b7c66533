import type { EntityManager } from '@mikro-orm/postgresql';
import type { CategoryResult, DataSubject, OwnerDeclaration } from '@homi/contracts';

/** One record of an export: the category it belongs to and its fields as the subject may read them. */
export interface ExportRecord {
  category: string;
  data: Record<string, unknown>;
}

/**
 * Many records of one category already written as NDJSON, one `{"category":…,"data":…}` line each
 * (newline-separated, no trailing newline), e.g. built by Postgres' json functions: a large export
 * then costs one string per batch instead of a row object, a copy, a JSON string and a Buffer per
 * record (ADR 54). `counts` says how many records of each category the lines hold.
 */
export interface ExportLines {
  lines: string;
  counts: Record<string, number>;
}

/** What an export yields: one record, or a batch of lines already serialised. */
export type ExportItem = ExportRecord | ExportLines;

export interface OwnerContext {
  /** The transaction the result is reported in: erase and rectify must write through it. */
  em: EntityManager;
  requestId: string;
  now: Date;
}

/**
 * What a service implements to be a data owner. Every method must be idempotent: a command may
 * arrive twice, or again after a crash, and the second run must change nothing more.
 */
export interface DataOwner {
  declaration: OwnerDeclaration;
  /** Every record this owner holds on the subject, streamed (it may be large). */
  export(subject: DataSubject, ctx: OwnerContext): AsyncIterable<ExportItem>;
  /** Erases (or anonymises) what may be erased and reports what was kept and why. */
  erase(subject: DataSubject, ctx: OwnerContext): Promise<CategoryResult[]>;
  /** Applies corrections (field → new value) where this owner holds the field. */
  rectify?(subject: DataSubject, corrections: Record<string, unknown>, ctx: OwnerContext): Promise<CategoryResult[]>;
}
