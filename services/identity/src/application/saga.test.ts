import { runSaga, type SagaStep } from './saga';

function step(name: string, log: string[], fail?: { run?: boolean; compensate?: boolean }): SagaStep<object> {
  return {
    name,
    run: async () => {
      if (fail?.run) throw new Error(`${name} failed`);
      log.push(`run ${name}`);
    },
    compensate: async (_ctx, failed) => {
      if (fail?.compensate) throw new Error(`undo ${name} failed`);
      log.push(`undo ${name} (after ${failed})`);
    },
  };
}

describe('runSaga', () => {
  it('runs every step in order when nothing fails', async () => {
    const log: string[] = [];
    await runSaga({}, [step('a', log), step('b', log)], () => undefined);
    expect(log).toEqual(['run a', 'run b']);
  });

  it('undoes the steps done before a failure, last first, and rethrows the failure', async () => {
    const log: string[] = [];
    await expect(runSaga({}, [step('a', log), step('b', log), step('c', log, { run: true })], () => undefined)).rejects.toThrow('c failed');
    expect(log).toEqual(['run a', 'run b', 'undo b (after c)', 'undo a (after c)']);
  });

  it('stops undoing at a compensation that fails, leaving the earlier steps for the sweeper', async () => {
    const log: string[] = [];
    const failures: string[] = [];
    const steps = [step('a', log), step('b', log, { compensate: true }), step('c', log, { run: true })];
    await expect(runSaga({}, steps, (name) => failures.push(name))).rejects.toThrow('c failed');
    expect(log).toEqual(['run a', 'run b']);
    expect(failures).toEqual(['b']);
  });
});
