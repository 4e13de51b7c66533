import { RequestCommanded, RequestDeadlineApproaching } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { PrivacyRequest } from '../domain/request';
import { MAX_ATTEMPTS, OwnerTask } from '../domain/task';
import { privacyDeclaration } from '../privacy';
import { extendRequest } from './extend-request';
import { callerOf, inMemoryDeps } from './in-memory';
import { schedulerTick } from './scheduler-tick';

// The scheduler's decisions on in-memory repositories, with a clock the test moves.

const DAY = 86_400_000;
const MINUTE = 60_000;

function setup() {
  const t = inMemoryDeps();
  const request = new PrivacyRequest(newId('dsr'), 'erasure', { kind: 'user', userId: newId('usr') }, { userId: newId('usr') }, t.clock.now);
  request.commands = 1;
  t.requests.add(request);
  const next = new Date(t.clock.now.getTime() + t.deps.settings.retryAfterMs);
  const answered = new OwnerTask(request.id, 'identity', t.clock.now, next);
  answered.status = 'completed';
  answered.nextCommandAt = null;
  t.requests.addTask(answered);
  t.requests.addTask(new OwnerTask(request.id, 'ledger', t.clock.now, next));
  const advance = (ms: number) => (t.clock.now = new Date(t.clock.now.getTime() + ms));
  return { ...t, request, advance };
}

const ofType = (published: { subject: string; data: unknown }[], subject: string) => published.filter((p) => p.subject === subject).map((p) => p.data);

describe('schedulerTick', () => {
  it('commands a silent owner again once its wait is over, waiting twice as long the next time', async () => {
    const { deps, request, requests, published, advance } = setup();
    expect(await schedulerTick(deps)).toEqual({ recommanded: 0, reminders: 0, escalations: 0 });
    advance(deps.settings.retryAfterMs);
    expect((await schedulerTick(deps)).recommanded).toBe(1);
    expect(await requests.task(request.id, 'ledger')).toMatchObject({ attempts: 2, nextCommandAt: new Date(deps.clock().getTime() + 2 * deps.settings.retryAfterMs) });
    expect(ofType(published, RequestCommanded.subject)).toEqual([expect.objectContaining({ requestId: request.id, owners: ['ledger'], attempt: 2 })]);
    advance(deps.settings.retryAfterMs);
    expect((await schedulerTick(deps)).recommanded).toBe(0);
    advance(deps.settings.retryAfterMs);
    expect((await schedulerTick(deps)).recommanded).toBe(1);
  });

  it('stops commanding when the request has used the attempts the contract allows', async () => {
    const { deps, request, published, advance } = setup();
    request.commands = MAX_ATTEMPTS;
    advance(deps.settings.retryAfterMs);
    expect((await schedulerTick(deps)).recommanded).toBe(0);
    expect(published).toEqual([]);
  });

  it('reminds 7 days and escalates 3 days before the deadline, once each, naming the silent owners', async () => {
    const { deps, request, published, audit, advance, clock } = setup();
    request.commands = MAX_ATTEMPTS; // only the warnings are looked at here
    advance(request.dueAt.getTime() - clock.now.getTime() - 7 * DAY - MINUTE);
    expect((await schedulerTick(deps)).reminders).toBe(0);
    advance(2 * MINUTE);
    expect(await schedulerTick(deps)).toMatchObject({ reminders: 1, escalations: 0 });
    expect((await schedulerTick(deps)).reminders).toBe(0);
    advance(4 * DAY);
    expect(await schedulerTick(deps)).toMatchObject({ reminders: 0, escalations: 1 });
    expect((await schedulerTick(deps)).escalations).toBe(0);
    expect(ofType(published, RequestDeadlineApproaching.subject)).toEqual([
      expect.objectContaining({ requestId: request.id, level: 'reminder', silentOwners: ['ledger'] }),
      expect.objectContaining({ requestId: request.id, level: 'escalation', silentOwners: ['ledger'] }),
    ]);
    expect(audit.actionsOf(request.id)).toEqual(['deadline.reminder', 'deadline.escalation']);
  });

  it('warns again before a deadline an extension moved', async () => {
    const { deps, request, advance, clock } = setup();
    request.commands = MAX_ATTEMPTS;
    advance(request.dueAt.getTime() - clock.now.getTime() - 2 * DAY);
    expect(await schedulerTick(deps)).toMatchObject({ reminders: 1, escalations: 1 });
    await extendRequest(deps, callerOf({ userId: newId('usr'), realmRoles: ['operator'] }), request.id, { months: 1, reason: 'An owner is migrating' });
    expect(await schedulerTick(deps)).toMatchObject({ reminders: 0, escalations: 0 });
    advance(request.dueAt.getTime() - clock.now.getTime() - 7 * DAY + MINUTE);
    expect(await schedulerTick(deps)).toMatchObject({ reminders: 1, escalations: 0 });
  });

  it('commands the owners registered now for a request recorded while there were none', async () => {
    const { deps, requests, owners, published, clock } = inMemoryDeps();
    const orphan = new PrivacyRequest(newId('dsr'), 'access', { kind: 'user', userId: newId('usr') }, { userId: newId('usr') }, clock.now);
    requests.add(orphan);
    expect((await schedulerTick(deps)).recommanded).toBe(0);
    await owners.announce({ ...privacyDeclaration, owner: 'identity' }, clock.now);
    expect((await schedulerTick(deps)).recommanded).toBe(1);
    expect((await requests.tasks(orphan.id)).map((t) => t.owner)).toEqual(['identity']);
    expect(ofType(published, RequestCommanded.subject)).toEqual([expect.objectContaining({ requestId: orphan.id, owners: ['identity'], attempt: 1 })]);
    expect((await schedulerTick(deps)).recommanded).toBe(0);
  });

  it('leaves a request another replica holds, and completed requests, alone', async () => {
    const { deps, request, requests, published, advance } = setup();
    advance(deps.settings.retryAfterMs);
    requests.busy.add(request.id);
    expect((await schedulerTick(deps)).recommanded).toBe(0);
    requests.busy.delete(request.id);
    request.status = 'completed';
    expect((await schedulerTick(deps)).recommanded).toBe(0);
    expect(published).toEqual([]);
  });

  it('clears away uploads left unfinished for a day, never a finished part', async () => {
    const { deps, request, parts, clock, advance } = setup();
    await parts.begin('upl_old', request.id, 'ledger', clock.now);
    await parts.begin('upl_done', request.id, 'identity', clock.now);
    await parts.finish('upl_done', { requestId: request.id, owner: 'identity', bytes: 1, records: 1, categories: [] });
    advance(DAY - MINUTE);
    await schedulerTick(deps);
    expect([...parts.uploads.keys()].sort()).toEqual(['upl_done', 'upl_old']);
    advance(2 * MINUTE);
    await schedulerTick(deps);
    expect([...parts.uploads.keys()]).toEqual(['upl_done']);
  });
});
