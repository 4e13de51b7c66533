import { disposeInOrder, pollUntil } from './around-all';

describe('pollUntil', () => {
  it('returns the first value that is done, after polling again', async () => {
    const values = [0, false, 3];
    const probe = async () => values.shift();
    await expect(pollUntil(probe, { done: Boolean, timeoutMs: 1_000, intervalMs: 1, what: 'three' })).resolves.toBe(3);
    expect(values).toEqual([]);
  });

  it('keeps a value its caller counts as done although it is falsy', async () => {
    await expect(pollUntil(async () => 0, { done: (v) => v !== undefined, timeoutMs: 1_000, intervalMs: 1, what: 'zero' })).resolves.toBe(0);
  });

  it('names what it waited for when the time is up', async () => {
    await expect(pollUntil(async () => false, { done: Boolean, timeoutMs: 20, intervalMs: 5, what: 'the owner' })).rejects.toThrow('timed out waiting for the owner');
  });
});

describe('disposeInOrder', () => {
  it('disposes of each part after the one before has finished', async () => {
    const log: string[] = [];
    const part = (name: string) => ({ dispose: async () => { log.push(`${name} start`); await new Promise((r) => setTimeout(r, 5)); log.push(`${name} end`); } });
    await disposeInOrder(part('owner'), part('service'));
    expect(log).toEqual(['owner start', 'owner end', 'service start', 'service end']);
  });
});
