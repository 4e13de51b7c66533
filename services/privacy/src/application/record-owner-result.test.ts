import { RequestCompleted, type CategoryResult, type OwnerResultReported } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { PrivacyRequest } from '../domain/request';
import { OwnerTask } from '../domain/task';
import { inMemoryDeps } from './in-memory';
import { recordOwnerResult } from './record-owner-result';

// An owner's answer on in-memory repositories: idempotent recording, and completion once all answered.

const DAY = 86_400_000;

function setup(type: PrivacyRequest['type'], owners = ['identity', 'tenant-data']) {
  const t = inMemoryDeps();
  const request = new PrivacyRequest(newId('dsr'), type, { kind: 'user', userId: newId('usr') }, { userId: newId('usr') }, t.clock.now);
  t.requests.add(request);
  for (const owner of owners) t.requests.addTask(new OwnerTask(request.id, owner, t.clock.now, new Date(t.clock.now.getTime() + 600_000)));
  const answer = (owner: string, outcome: 'completed' | 'failed', results: CategoryResult[] = [], extra: Partial<OwnerResultReported> = {}) =>
    recordOwnerResult(t.repositories, t.deps, { requestId: request.id, owner, outcome, results, occurredAt: t.clock.now.toISOString(), ...extra });
  return { ...t, request, answer };
}

const erased = (records: number): CategoryResult => ({ category: 'profile', action: 'erased', records });

describe('recordOwnerResult', () => {
  it('completes the request in the same unit of work once every commanded owner has answered completed', async () => {
    const { request, answer, published, audit, requests, notifications } = setup('rectification');
    request.corrections = { name: 'New Name' };
    expect(await answer('identity', 'completed', [{ category: 'profile', action: 'rectified', records: 1 }])).toBe('completed');
    expect(request.status).toBe('in_progress');
    expect(published).toEqual([]);

    expect(await answer('tenant-data', 'completed', [])).toBe('completed');
    expect(request).toMatchObject({ status: 'completed', corrections: null, exportExpiresAt: null });
    expect(published).toEqual([{ subject: RequestCompleted.subject, data: expect.objectContaining({ requestId: request.id, type: 'rectification' }) }]);
    expect(audit.actionsOf(request.id)).toEqual(['owner.completed', 'owner.completed', 'request.completed']);
    expect(audit.entries.at(-1)?.details).toMatchObject({ correctionsCleared: true });
    expect((await requests.task(request.id, 'identity'))?.nextCommandAt).toBeNull();
    // The requester's notice, written with the completion, once: a later answer adds none.
    expect(notifications.rows).toEqual([expect.objectContaining({ userId: request.requester.userId, kind: 'request-completed', requestId: request.id, data: { type: 'rectification' } })]);
    await answer('tenant-data', 'completed', [erased(1)]);
    expect(notifications.rows).toHaveLength(1);
  });

  it('changes nothing for the same failure again, and keeps a failed owner open until it succeeds', async () => {
    const { request, answer, audit, requests } = setup('erasure');
    expect(await answer('identity', 'failed', [], { error: 'Timeout' })).toBe('failed');
    expect(await answer('identity', 'failed', [], { error: 'Timeout' })).toBe('unchanged');
    expect(await requests.task(request.id, 'identity')).toMatchObject({ status: 'failed', error: 'Timeout' });
    expect(await answer('identity', 'completed', [erased(2)])).toBe('completed');
    expect(request.status).toBe('in_progress');
    expect(audit.actionsOf(request.id)).toEqual(['owner.failed', 'owner.completed']);
  });

  it('takes the larger total of an erasure answered again after completion, only on the trail for other answers', async () => {
    const { request, answer, audit, requests } = setup('erasure', ['identity']);
    await answer('identity', 'completed', [erased(2)]);
    expect(request.status).toBe('completed');
    // The same message delivered again changes nothing, not even the trail.
    expect(await answer('identity', 'completed', [erased(2)])).toBe('unchanged');
    // A second run erased one more record (it arrived late); owners answer the total so far (ADR 58): the report counts it.
    expect(await answer('identity', 'completed', [erased(3)])).toBe('merged');
    // The first answer redelivered after the larger total changes the report in nothing; it is on the trail.
    expect(await answer('identity', 'completed', [erased(2)])).toBe('late');
    expect((await requests.task(request.id, 'identity'))?.results).toEqual([erased(3)]);
    expect(await answer('identity', 'failed', [], { error: 'Error' })).toBe('late');
    expect((await requests.task(request.id, 'identity'))?.status).toBe('completed');
    expect(audit.actionsOf(request.id)).toEqual(['owner.completed', 'request.completed', 'owner.result.merged', 'owner.result.late', 'owner.result.late']);
  });

  it('counts an access answer only when its part arrived whole, and opens the package for the export period', async () => {
    const { request, answer, parts, clock, deps, requests } = setup('access', ['identity']);
    expect(await answer('identity', 'completed', [], { exportBytes: 10 })).toBe('failed');
    expect((await requests.task(request.id, 'identity'))?.error).toBe('export part missing');
    expect(await answer('identity', 'completed', [], { exportBytes: 10 })).toBe('unchanged');
    await parts.begin('upl_1', request.id, 'identity', clock.now);
    await parts.finish('upl_1', { requestId: request.id, owner: 'identity', bytes: 12, records: 1, categories: [] });
    const failed = await answer('identity', 'completed', [], { exportBytes: 10 });
    expect([failed, (await parts.current(request.id, 'identity'))?.bytes]).toEqual(['failed', 12]);

    expect(await answer('identity', 'completed', [{ category: 'profile', action: 'exported', records: 1 }], { exportBytes: 12 })).toBe('completed');
    expect(request.status).toBe('completed');
    expect(request.exportExpiresAt).toEqual(new Date(clock.now.getTime() + deps.settings.exportTtlDays * DAY));
  });

  it('puts an answer from an owner that was never commanded on the trail only, and ignores unknown requests', async () => {
    const { request, answer, audit } = setup('erasure', ['identity']);
    expect(await answer('billing-integration', 'completed', [erased(5)])).toBe('unexpected-owner');
    expect(request.status).toBe('received');
    expect(audit.actionsOf(request.id)).toEqual(['owner.result.unexpected']);
    const { repositories, deps } = inMemoryDeps();
    expect(await recordOwnerResult(repositories, deps, { requestId: newId('dsr'), owner: 'identity', outcome: 'completed', results: [], occurredAt: new Date().toISOString() })).toBe('unknown-request');
  });
});
