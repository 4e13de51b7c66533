import { Writable } from 'node:stream';
import { SupportAccessRefused } from '@homi/contracts';
import { createLogger, newId } from '@homi/service-kit';
import { InMemoryRefusalTrail } from './in-memory';
import type { RefusalTrail } from './ports';
import { SupportRefusalReporter, type SupportRefusal } from './report-support-refusal';

function setup(trail: RefusalTrail = new InMemoryRefusalTrail()) {
  const logLines: string[] = [];
  const destination = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
  let now = Date.parse('2026-12-01T10:00:00Z');
  const reporter = new SupportRefusalReporter({ trail, logger: createLogger({ service: 'gateway', destination }), windowMs: 10_000, now: () => now });
  return { reporter, logLines, advance: (ms: number) => (now += ms) };
}

const refusal = (overrides: Partial<SupportRefusal> = {}): SupportRefusal => ({
  tenantId: newId('ten'), supportUserId: newId('usr'), method: 'GET', route: '/tenants/:tenantId/clients',
  resourceIds: {}, reason: 'support-access-grant-required', ...overrides,
});

describe('SupportRefusalReporter', () => {
  it('publishes a contract-valid event with a fresh id per entry, and counts held repeats in the next one', async () => {
    const trail = new InMemoryRefusalTrail();
    const { reporter, advance } = setup(trail);
    const call = refusal();
    reporter.refused(call);
    reporter.refused(call);
    reporter.refused(call);
    advance(10_000);
    reporter.flush();
    await reporter.stop();

    expect(trail.events).toEqual([
      { ...call, repeats: 0, eventId: expect.stringMatching(/^evt_/), occurredAt: '2026-12-01T10:00:00.000Z' },
      { ...call, repeats: 1, eventId: expect.stringMatching(/^evt_/), occurredAt: '2026-12-01T10:00:00.000Z' },
    ]);
    expect(trail.events[0]?.eventId).not.toBe(trail.events[1]?.eventId);
    for (const event of trail.events) expect(SupportAccessRefused.schema.parse(event)).toEqual(event);
  });

  it('keeps separate windows per reason, route and method', async () => {
    const trail = new InMemoryRefusalTrail();
    const { reporter } = setup(trail);
    const call = refusal();
    reporter.refused(call);
    reporter.refused({ ...call, reason: 'step-up-required' });
    reporter.refused({ ...call, method: 'POST' });
    reporter.refused({ ...call, route: '/tenants/:tenantId/invoices' });
    reporter.refused({ ...call, tenantId: newId('ten') });
    await reporter.stop();
    expect(trail.events).toHaveLength(5);
  });

  it('never waits for the trail and never throws; a failure is counted and logged without the support user\'s id', async () => {
    let settle: (() => void) | undefined;
    const hanging: RefusalTrail = { record: () => new Promise<void>((_resolve, reject) => (settle = () => reject(Object.assign(new Error('no responders'), { code: '503' })))) };
    const { reporter, logLines } = setup(hanging);
    const call = refusal();
    expect(reporter.refused(call)).toBeUndefined();
    expect(reporter.notStored).toBe(0);
    settle?.();
    await reporter.stop();
    expect(reporter.notStored).toBe(1);
    const line = logLines.join('');
    expect(line).toContain('support refusal not stored in the audit log');
    expect(line).toContain('"errorType":"503"');
    expect(line).not.toContain(call.supportUserId);
  });
});
