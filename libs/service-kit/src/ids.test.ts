import { isId, newId } from './ids';

describe('newId', () => {
  it('makes well-formed, distinct ids across the refills of its random pool (64 ids a block)', () => {
    const ids = Array.from({ length: 64 * 3 + 5 }, () => newId('cli', 1_700_000_000_000));
    expect(ids.every((id) => isId(id, 'cli'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Same millisecond: only the random part tells them apart, and it is never a block's repeat.
    const randomParts = new Set(ids.map((id) => id.slice(-15)));
    expect(randomParts.size).toBe(ids.length);
  });
});
