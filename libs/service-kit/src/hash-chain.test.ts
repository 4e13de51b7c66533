import { canonicalJson, chainHash, checkChainLink, GENESIS_HASH } from './hash-chain';

describe('hash chain', () => {
  it('serialises the same content to the same bytes whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"x":null,"y":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, at: new Date('2026-01-02T03:04:05.000Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
  });

  it('links each row to the one before and notices any change', () => {
    const first = { seq: 1, prevHash: GENESIS_HASH, hash: chainHash({ seq: 1, action: 'a' }, GENESIS_HASH) };
    const second = { seq: 2, prevHash: first.hash, hash: chainHash({ seq: 2, action: 'b' }, first.hash) };
    expect(checkChainLink(first, { seq: 1, action: 'a' }, undefined)).toBeUndefined();
    expect(checkChainLink(second, { seq: 2, action: 'b' }, first)).toBeUndefined();
    expect(checkChainLink(second, { seq: 2, action: 'B' }, first)).toBe('hash');
    expect(checkChainLink({ ...second, prevHash: GENESIS_HASH }, { seq: 2, action: 'b' }, first)).toBe('prev_hash');
    expect(checkChainLink({ ...second, seq: 3 }, { seq: 3, action: 'b' }, first)).toBe('sequence');
  });
});
