const FIRST = Buffer.from('\n');
const NEXT = Buffer.from(',\n');

/** One stored category rendered as a JSON array, a record at a time. */
export async function* jsonArray(lines: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield Buffer.from('[');
  let first = true;
  for await (const line of lines) {
    if (line.length === 0) continue;
    // The separator and the line as they are: the zip's coalescing batches them, no copy per record.
    yield first ? FIRST : NEXT;
    yield line;
    first = false;
  }
  yield Buffer.from(first ? ']\n' : '\n]\n');
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV cell (RFC 4180). Nested values become JSON; text that a spreadsheet would run as a
 * formula gets a leading apostrophe (the JSON file keeps the exact value).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One stored category rendered as CSV with the given header, UTF-8 with a BOM for spreadsheets. */
export async function* csvRows(lines: AsyncIterable<Buffer>, columns: string[]): AsyncGenerator<Buffer> {
  yield Buffer.from('\uFEFF' + columns.map(csvCell).join(',') + '\r\n');
  for await (const line of lines) {
    if (line.length === 0) continue;
    const record = JSON.parse(line.toString('utf8')) as Record<string, unknown>;
    yield Buffer.from(columns.map((c) => csvCell(record[c])).join(',') + '\r\n');
  }
}
