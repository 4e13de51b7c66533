import { coalesce } from './coalesce';

async function* lines(n: number) {
  for (let i = 0; i < n; i++) yield Buffer.from(`line ${i}\n`);
}

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('coalesce', () => {
  it('keeps every byte in order while writing far fewer, larger chunks', async () => {
    const out = await all(coalesce(lines(10_000), 4096));
    const expected = Buffer.concat(await all(lines(10_000)));
    expect(Buffer.concat(out).equals(expected)).toBe(true);
    expect(out.length).toBeLessThan(40);
    expect(out.slice(0, -1).every((c) => c.length >= 4096)).toBe(true);
  });

  it('yields nothing for an empty source', async () => {
    expect(await all(coalesce(lines(0)))).toEqual([]);
  });
});
