import { AppError } from '@homi/service-kit';
import { LineTooLongError, splitLines } from './lines';

/** What an upload held, per category: records, and the top-level fields seen (CSV columns). */
export interface CategorySummary {
  category: string;
  records: number;
  columns: string[];
  /** More distinct fields than a CSV header takes: the CSV keeps the first ones, the JSON all. */
  columnsTruncated?: boolean;
}

/** An owner's finished part of an access request's package. */
export interface StoredPart {
  uploadId: string;
  requestId: string;
  owner: string;
  bytes: number;
  records: number;
  categories: CategorySummary[];
}

/** Read back as one string: under V8's large-object size (128 kB), so it dies young (ADR 62). Older chunks may hold up to 256 kB. */
export const CHUNK_BYTES = 64 * 1024;
const MAX_BUFFERED = 4 * 1024 * 1024;
const MAX_LINE = 16 * 1024 * 1024;
const MAX_COLUMNS = 200;
const CATEGORY = /^[a-z][a-z0-9-]{1,60}$/;

export interface PartLimits {
  maxBytes: number;
  /** The categories the owner declared; a record in any other is refused. */
  categories: ReadonlySet<string>;
}

export type ChunkSink = (category: string, seq: number, data: Buffer) => Promise<void>;

export interface WrittenPart {
  bytes: number;
  records: number;
  categories: CategorySummary[];
}

const bad = (line: number, message: string) =>
  new AppError('invalid', 'The export part is not valid NDJSON of {category, data} records.', { errors: [{ path: `line ${line}`, message }] });

interface Pending {
  seq: number;
  buffered: Buffer[];
  bytes: number;
  summary: CategorySummary;
  columns: Set<string>;
}

/**
 * Reads an owner's NDJSON export part, checks every record, and writes each record's data as one
 * JSON line into per-category chunks of whole lines, at most CHUNK_BYTES each (a longer line alone). Memory stays bounded: at most
 * MAX_BUFFERED bytes wait for a full chunk, plus the line being read.
 */
export async function writePart(body: AsyncIterable<Buffer>, limits: PartLimits, sink: ChunkSink): Promise<WrittenPart> {
  const byCategory = new Map<string, Pending>();
  let bytes = 0;
  let records = 0;
  let buffered = 0;
  async function* counted() {
    for await (const chunk of body) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) throw new AppError('payload_too_large', `An export part may hold at most ${limits.maxBytes} bytes.`);
      yield chunk;
    }
  }
  // A chunk is whole lines: every chunk is valid UTF-8 on its own, so it can be read back as text.
  async function flush(p: Pending) {
    if (!p.bytes) return;
    const data = p.buffered.length === 1 ? p.buffered[0]! : Buffer.concat(p.buffered, p.bytes);
    await sink(p.summary.category, p.seq++, data);
    buffered -= p.bytes;
    p.buffered = [];
    p.bytes = 0;
  }

  let lineNo = 0;
  try {
    for await (const raw of splitLines(counted(), MAX_LINE)) {
      lineNo++;
      const record = recordOf(raw, lineNo, limits.categories);
      if (!record) continue;
      const { category, data } = record;
      let p = byCategory.get(category);
      if (!p) {
        p = { seq: 0, buffered: [], bytes: 0, summary: { category, records: 0, columns: [] }, columns: new Set() };
        byCategory.set(category, p);
      }
      p.summary.records++;
      records++;
      for (const key of Object.keys(data)) {
        if (p.columns.has(key)) continue;
        if (p.columns.size >= MAX_COLUMNS) p.summary.columnsTruncated = true;
        else p.columns.add(key);
      }
      const line = record.bytes ?? Buffer.from(JSON.stringify(data));
      // Whole lines, at most CHUNK_BYTES a chunk: a line that would not fit starts the next one (a
      // single line longer than that is a chunk of its own).
      if (p.bytes + line.length + 1 > CHUNK_BYTES) await flush(p);
      p.buffered.push(line, NEWLINE);
      p.bytes += line.length + 1;
      buffered += line.length + 1;
      if (buffered > MAX_BUFFERED) await flush(largest(byCategory));
    }
  } catch (err) {
    if (err instanceof LineTooLongError) throw bad(lineNo + 1, err.message);
    throw err;
  }
  for (const p of byCategory.values()) await flush(p);
  const categories = [...byCategory.values()].map((p) => ({ ...p.summary, columns: [...p.columns] }));
  return { bytes, records, categories: categories.sort((a, b) => a.category.localeCompare(b.category)) };
}

const NEWLINE = Buffer.from('\n');

const PREFIX = Buffer.from('{"category":"');
const MIDDLE = Buffer.from('","data":');

interface ParsedRecord {
  category: string;
  data: Record<string, unknown>;
  /** The data's JSON as the owner wrote it, when the line has privacy-kit's form: stored without a second JSON.stringify. */
  bytes?: Buffer;
}

/**
 * One NDJSON line as a checked record (undefined for a blank line). A line of privacy-kit's form
 * `{"category":"…","data":{…}}` is parsed by its data alone, whose bytes are then stored as they came;
 * any other spelling is parsed whole and its data written anew.
 */
function recordOf(raw: Buffer, lineNo: number, declared: ReadonlySet<string>): ParsedRecord | undefined {
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === 0x20 || raw[end - 1] === 0x0d || raw[end - 1] === 0x09)) end--;
  const middle = raw.indexOf(MIDDLE);
  if (raw.subarray(0, PREFIX.length).equals(PREFIX) && middle > PREFIX.length && middle < 80 && raw[end - 1] === 0x7d) {
    const category = raw.toString('latin1', PREFIX.length, middle);
    if (CATEGORY.test(category)) {
      const bytes = raw.subarray(middle + MIDDLE.length, end - 1);
      let data: unknown;
      try {
        data = JSON.parse(bytes.toString('utf8'));
      } catch {
        data = undefined;
      }
      if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
        if (!declared.has(category)) throw bad(lineNo, `category ${category} is not in the owner's declaration`);
        // A copy: the line may be a view into a larger buffer that should not stay alive with the chunk.
        return { category, data: data as Record<string, unknown>, bytes: Buffer.from(bytes) };
      }
    }
  }
  const text = raw.toString('utf8').trim();
  return text ? parseRecord(text, lineNo, declared) : undefined;
}

function parseRecord(text: string, lineNo: number, declared: ReadonlySet<string>): { category: string; data: Record<string, unknown> } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad(lineNo, 'is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(lineNo, 'must be an object');
  const { category, data, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) throw bad(lineNo, 'holds fields other than category and data');
  if (typeof category !== 'string' || !CATEGORY.test(category)) throw bad(lineNo, 'category must be a category name');
  if (!declared.has(category)) throw bad(lineNo, `category ${category} is not in the owner's declaration`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad(lineNo, 'data must be an object');
  return { category, data: data as Record<string, unknown> };
}

function largest(map: Map<string, Pending>): Pending {
  let best: Pending | undefined;
  for (const p of map.values()) if (!best || p.bytes > best.bytes) best = p;
  return best!;
}
