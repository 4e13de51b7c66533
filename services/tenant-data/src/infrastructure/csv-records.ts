import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '@homi/service-kit';

/** The largest single row: a broken quote that would swallow the file stops here, not at the body limit. */
const MAX_RECORD_CHARS = 64 * 1024;
/** The header must end within this many characters. */
const MAX_HEADER_CHARS = 16 * 1024;

const notCsv = (detail: string) => new AppError('invalid', detail, { type: 'not-csv' });

/**
 * The body as UTF-8 text, chunk by chunk: a BOM is dropped, invalid UTF-8 or a NUL byte (a binary
 * file, a spreadsheet's .xlsx) is `not-csv`, and more than `maxBytes` is 413, as soon as it is read.
 */
async function* utf8Text(body: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw notCsv('The file is not UTF-8 text; save it as CSV (UTF-8).');
    }
  };
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
    const text = decode(chunk);
    if (text.includes('\u0000')) throw notCsv('The file is not text; save it as CSV (UTF-8).');
    if (text) yield text;
  }
  const rest = decode();
  if (rest) yield rest;
}

/** `;` (what Dutch spreadsheets write) or `,`, whichever the header line holds more of outside quotes. */
function separatorOf(headerLine: string): ';' | ',' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export interface CsvRecord {
  /** The row as a spreadsheet numbers it: the header is row 1; blank lines count. */
  row: number;
  cells: string[];
}

/**
 * The records of a CSV body, streamed: never more than one chunk and one record in memory. The
 * separator is read from the header line; a file that is no CSV (binary, a quote never closed, a
 * row past 64 k characters) is a 400 `not-csv` problem, thrown from the iteration.
 */
export async function* csvRecords(body: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<CsvRecord> {
  const text = utf8Text(body, maxBytes);
  let head = '';
  let next = await text.next();
  while (!next.done) {
    head += next.value;
    if (/[\r\n]/.test(head) || head.length > MAX_HEADER_CHARS) break;
    next = await text.next();
  }
  head = head.replace(/^\uFEFF/, '');
  if (head.trim() === '' && next.done) return;
  const headerLine = head.split(/\r?\n|\r/, 1)[0] ?? '';
  if (headerLine.length > MAX_HEADER_CHARS) throw notCsv('The first line is not a CSV header.');
  async function* rest(): AsyncGenerator<string> {
    yield head;
    if (next.done) return;
    for (let more = await text.next(); !more.done; more = await text.next()) yield more.value;
  }
  const parser = parse({
    delimiter: separatorOf(headerLine),
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  const source = Readable.from(rest());
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) throw notCsv(`The file is not valid CSV near row ${row + 1}.`);
    throw err;
  } finally {
    source.destroy();
  }
}
