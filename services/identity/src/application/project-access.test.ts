import { converge } from './project-access';

describe('converge', () => {
  it('writes once when the state holds still', async () => {
    const writes: string[] = [];
    await converge(async () => 'a', async (s) => void writes.push(s));
    expect(writes).toEqual(['a']);
  });

  it('ends on the latest state when it changed while a stale value was being written', async () => {
    // A handler read "member", then the member was removed and another handler wrote the removal;
    // this handler's late write of "member" is followed by a read that sees the removal.
    const states = ['member', 'removed', 'removed'];
    const writes: string[] = [];
    await converge(async () => states.shift() as string, async (s) => void writes.push(s));
    expect(writes).toEqual(['member', 'removed']);
  });

  it('gives up (for a redelivery) when the state never settles', async () => {
    let n = 0;
    await expect(converge(async () => n++, async () => undefined)).rejects.toThrow(/kept changing/);
  });
});
