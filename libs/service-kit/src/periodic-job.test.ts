import { periodicJob } from './periodic-job';

/** A job's work that the test finishes by hand, so "a turn is under way" is a state, not a wait. */
function controlledWork() {
  const turns: Array<{ finish: () => void; fail: (err: Error) => void }> = [];
  let active = 0;
  let maxActive = 0;
  const work = () =>
    new Promise<number>((resolve, reject) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      const n = turns.length + 1;
      turns.push({
        finish: () => { active -= 1; resolve(n); },
        fail: (err) => { active -= 1; reject(err); },
      });
    });
  return { work, turns, maxActive: () => maxActive };
}

const silent = () => ({ error: jest.fn() });

describe('periodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a turn every interval once started, and none before', async () => {
    const work = jest.fn(async () => 'ok');
    const job = periodicJob({ name: 't', intervalMs: 1000, work, logger: silent() });
    await jest.advanceTimersByTimeAsync(5000);
    expect(work).not.toHaveBeenCalled();
    job.start();
    await jest.advanceTimersByTimeAsync(3000);
    expect(work).toHaveBeenCalledTimes(3);
    await job.stop();
  });

  it('never runs two turns at once: a slow turn delays the next instead of overlapping it', async () => {
    const c = controlledWork();
    const job = periodicJob({ name: 't', intervalMs: 100, work: c.work, logger: silent() }).start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(c.turns).toHaveLength(1);
    const manual = job.runOnce();
    c.turns[0]!.finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(c.turns).toHaveLength(2);
    c.turns[1]!.finish();
    await expect(manual).resolves.toBe(2);
    expect(c.maxActive()).toBe(1);
    await job.stop();
  });

  it('ignores a kick from its own turn (a commit of the turn reaching an after-commit hook), so an idle job does not spin', async () => {
    let turns = 0;
    const afterCommit = (): void => job.kick();
    const job = periodicJob({
      name: 'notices', intervalMs: 1000, logger: silent(),
      work: async () => {
        turns += 1;
        await Promise.resolve();
        afterCommit();
      },
    }).start();
    await jest.advanceTimersByTimeAsync(3000);
    expect(turns).toBe(3);
    // A kick from anywhere else still brings a turn at once.
    job.kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(turns).toBe(4);
    await job.stop();
  });

  it('reports a failed scheduled turn to the log and keeps going', async () => {
    const logger = silent();
    let calls = 0;
    const job = periodicJob({
      name: 'flaky', intervalMs: 100, logger,
      work: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
    }).start();
    await jest.advanceTimersByTimeAsync(200);
    expect(calls).toBe(2);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0][0]).toMatchObject({ job: 'flaky', err: expect.objectContaining({ message: 'boom' }) });
    await job.stop();
  });

  it('hands a turn asked for by runOnce its result or its error', async () => {
    const job = periodicJob({ name: 't', intervalMs: 100, logger: silent(), work: async () => { throw new Error('nope'); } });
    await expect(job.runOnce()).rejects.toThrow('nope');
  });

  it('stop waits for the turn under way and schedules nothing after it', async () => {
    const c = controlledWork();
    const job = periodicJob({ name: 't', intervalMs: 100, work: c.work, logger: silent() }).start();
    await jest.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = job.stop().then(() => { stopped = true; });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    c.turns[0]!.finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(1000);
    expect(c.turns).toHaveLength(1);
  });

  it('a kick runs a turn soon, and a kick during a turn one more right after it', async () => {
    const c = controlledWork();
    const job = periodicJob({ name: 't', intervalMs: 60_000, work: c.work, logger: silent() });
    job.kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(c.turns).toHaveLength(0); // not started: kicks do nothing
    job.start().kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(c.turns).toHaveLength(1);
    job.kick();
    job.kick();
    c.turns[0]!.finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(c.turns).toHaveLength(2);
    c.turns[1]!.finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(c.turns).toHaveLength(2);
    await job.stop();
  });
});
