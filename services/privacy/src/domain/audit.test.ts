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

  it('hashes a row to the same bytes as the rows already stored', () => {
    // Computed by the implementation that wrote the existing trails: a change here breaks verify-audit.
    const stored = { requestId: 'dsr_abc123', seq: 2, at: new Date('2026-03-01T10:00:00.000Z'), actor: 'system', action: 'owner.reported', details: { owner: 'tenant-data', counts: [1, 2.5, { z: null, a: true }], note: undefined } };
    expect(auditHash(stored, 'f'.repeat(64))).toBe('018a0891d4da652c502f47917fbbc7011442e5b8708d2ef7d2203a817e6383a2');
  });
});
