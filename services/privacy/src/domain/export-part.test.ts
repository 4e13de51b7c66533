import { Readable } from 'node:stream';
import { AppError } from '@homi/service-kit';
import { csvCell, csvRows, jsonArray } from './export-formats';
import { splitLines } from './lines';
import { CHUNK_BYTES, writePart } from './export-part';

const limits = { maxBytes: 50 * 1024 * 1024, categories: new Set(['notes', 'visits']) };
const body = (text: string, pieceSize = 1000) => Readable.from(Array.from({ length: Math.ceil(text.length / pieceSize) }, (_, i) => Buffer.from(text.slice(i * pieceSize, (i + 1) * pieceSize))));
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('writing an export part', () => {
  it('splits it into per-category chunks of at most 256 kB that read back as the records', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(JSON.stringify({ category: i % 3 ? 'notes' : 'visits', data: { n: i, text: 'é'.repeat(100 + (i % 7)), extra: i === 6 ? true : undefined } }));
    const chunks: { category: string; seq: number; data: Buffer }[] = [];
    const written = await writePart(body(lines.join('\n') + '\n', 7777), limits, async (category, seq, data) => {
      chunks.push({ category, seq, data });
    });
    expect(written.records).toBe(3000);
    expect(written.categories.map((c) => [c.category, c.records, c.columns])).toEqual([
      ['notes', 2000, ['n', 'text']],
      ['visits', 1000, ['n', 'text', 'extra']],
    ]);
    expect(chunks.every((c) => c.data.length <= CHUNK_BYTES)).toBe(true);
    // Whole lines: each chunk is valid UTF-8 on its own (no 'é' cut in two), so it reads back as text (ADR 54).
    expect(chunks.every((c) => Buffer.from(c.data.toString('utf8')).equals(c.data) && c.data.at(-1) === 10)).toBe(true);
    expect(chunks.filter((c) => c.category === 'notes').length).toBeGreaterThan(1);
    const notes = chunks.filter((c) => c.category === 'notes').map((c) => c.data);
    const back = (await collect(splitLines(Readable.from(notes), 1 << 20))).map((l) => JSON.parse(l.toString()).n);
    expect(back).toEqual(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3));
  });

  it('refuses what is not NDJSON of declared categories, naming the line', async () => {
    const sink = async () => undefined;
    const attempt = (text: string) => writePart(body(text), limits, sink).catch((e: unknown) => e);
    const err = (await attempt('{"category":"notes","data":{}}\n{oops\n')) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.errors?.[0]?.path).toBe('line 2');
    expect(await attempt('{"category":"other","data":{}}\n')).toBeInstanceOf(AppError);
    expect(await attempt('{"category":"notes","data":{},"x":1}\n')).toBeInstanceOf(AppError);
    expect(await attempt('"text"\n')).toBeInstanceOf(AppError);
    const big = (await writePart(body('x'.repeat(2000)), { ...limits, maxBytes: 1000 }, sink).catch((e: unknown) => e)) as AppError;
    expect(big.kind).toBe('payload_too_large');
  });

  it("stores a record's data as the owner wrote it, and a line it cannot take so apart as parsed", async () => {
    const chunks: Buffer[] = [];
    const sink = async (_c: string, _s: number, data: Buffer) => void chunks.push(data);
    // A repeated key: the data between the markers is no JSON value, so the line is parsed whole (the last data wins).
    const text = '{"category":"notes","data":{"b":1,"a":"x"}}\n{"category":"notes","data":{"a":1},"data":{"a":2}}\n{ "data": {"c":3}, "category": "visits" }\n';
    const written = await writePart(body(text), limits, sink);
    expect(written.records).toBe(3);
    expect(Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).sort()).toEqual(['{"a":2}', '{"b":1,"a":"x"}', '{"c":3}']);
  });
});

describe('rendering a category', () => {
  it('as a JSON array and as CSV', async () => {
    const lines = () => Readable.from([Buffer.from('{"a":1,"b":"x"}'), Buffer.from('{"a":2,"c":{"d":1}}')]);
    expect(JSON.parse(Buffer.concat(await collect(jsonArray(lines()))).toString())).toEqual([{ a: 1, b: 'x' }, { a: 2, c: { d: 1 } }]);
    expect(Buffer.concat(await collect(jsonArray(Readable.from([])))).toString()).toBe('[]\n');
    const csv = Buffer.concat(await collect(csvRows(lines(), ['a', 'b', 'c']))).toString();
    expect(csv).toBe('\uFEFFa,b,c\r\n1,x,\r\n2,,"{""d"":1}"\r\n');
  });

  it('quotes cells that need it and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
