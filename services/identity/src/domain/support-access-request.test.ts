import { approve, coApprove, deny, lapse, narrowedScope, revoke, SupportAccessRequest } from './support-access-request';

const TTL = 12 * 3600_000;
const t0 = new Date('2026-12-01T09:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const request = (mode: 'read' | 'write' = 'read') =>
  new SupportAccessRequest('sar_0000000001', 'ten_0000000001', 'usr_support0001', 'incident', 'HOMI-1', ['agenda', 'clients'], mode, 120, t0);
const typeOf = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return (err as { type?: string }).type;
  }
  return undefined;
};

describe('support access request', () => {
  it('starts read requests pending and write requests awaiting a co-approval', () => {
    expect(request().status).toBe('pending');
    expect(request('write').status).toBe('awaiting_co_approval');
  });

  it('refuses to approve write access without a co-approval, but approves it narrowed to read', () => {
    const r = request('write');
    expect(typeOf(() => approve(r, 'usr_owner00001', narrowedScope(r, {}), later(1), TTL))).toBe('support-co-approval-required');
    approve(r, 'usr_owner00001', narrowedScope(r, { mode: 'read' }), later(1), TTL);
    expect(r).toMatchObject({ status: 'active', grantedMode: 'read', expiresAt: later(121) });
  });

  it('lets a second support user co-approve, never the requester', () => {
    const r = request('write');
    expect(typeOf(() => coApprove(r, 'usr_support0001', later(1), TTL))).toBe('support-co-approval-by-requester');
    coApprove(r, 'usr_support0002', later(1), TTL);
    approve(r, 'usr_owner00001', narrowedScope(r, { modules: ['agenda'], durationMinutes: 30 }), later(2), TTL);
    expect(r).toMatchObject({ status: 'active', grantedMode: 'write', grantedModules: ['agenda'], expiresAt: later(32) });
    expect(typeOf(() => coApprove(request(), 'usr_support0002', later(1), TTL))).toBe('support-access-invalid-transition');
  });

  it('only narrows: other modules or a longer time are refused', () => {
    const r = request();
    expect(typeOf(() => narrowedScope(r, { modules: ['invoicing'] }))).toBe('support-scope-not-narrower');
    expect(typeOf(() => narrowedScope(r, { durationMinutes: 121 }))).toBe('support-scope-not-narrower');
  });

  it('allows decisions only while open and unexpired', () => {
    const r = request();
    expect(typeOf(() => approve(r, 'usr_owner00001', narrowedScope(r, {}), later(12 * 60), TTL))).toBe('support-request-expired');
    deny(r, 'usr_owner00001', later(5), TTL);
    expect(typeOf(() => approve(r, 'usr_owner00001', narrowedScope(r, {}), later(6), TTL))).toBe('support-access-invalid-transition');
    expect(typeOf(() => revoke(r, later(6)))).toBe('support-access-invalid-transition');
    expect(typeOf(() => deny(request(), 'usr_support0001', later(1), TTL))).toBe('support-self-decision');
  });

  it('expires unanswered requests and ends grants at their time, nothing earlier', () => {
    const open = request();
    expect(lapse(open, later(12 * 60 - 1), TTL)).toBeUndefined();
    expect(lapse(open, later(12 * 60), TTL)).toBe('expired');
    const granted = request();
    approve(granted, 'usr_owner00001', narrowedScope(granted, {}), later(1), TTL);
    expect(lapse(granted, later(120), TTL)).toBeUndefined();
    expect(lapse(granted, later(200), TTL)).toBe('ended');
    expect(granted.endedAt).toEqual(later(121));
  });
});
