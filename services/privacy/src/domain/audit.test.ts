import { auditHash, canonicalJson, checkLink, GENESIS_HASH, type ChainedAuditEntry } from './audit';

const entry = (seq: number, prev: ChainedAuditEntry | undefined, details: Record<string, unknown> = { owners: ['a'] }): ChainedAuditEntry => {
  const base = { requestId: 'dsr_0000000001', seq, at: new Date(Date.UTC(2026, 0, seq)), actor: 'system', action: 'x', details };
  const prevHash = prev?.hash ?? GENESIS_HASH;
  return { ...base, prevHash, hash: auditHash(base, prevHash) };
};

describe('the audit chain', () => {
  it('serialises the same content to the same bytes whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[1,{"y":"x","z":null}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });

  it('links each row to the one before and names the first that does not chain', () => {
    const one = entry(1, undefined);
    const two = entry(2, one);
    const three = entry(3, two);
    expect([checkLink(one, undefined), checkLink(two, one), checkLink(three, two)]).toEqual([undefined, undefined, undefined]);
    expect(checkLink({ ...two, details: { owners: [] } }, one)).toBe('hash');
    expect(checkLink({ ...two, actor: 'usr_someone123' }, one)).toBe('hash');
    expect(checkLink(three, one)).toBe('sequence');
    expect(checkLink(entry(2, entry(1, undefined, { other: 1 })), one)).toBe('prev_hash');
  });
});
