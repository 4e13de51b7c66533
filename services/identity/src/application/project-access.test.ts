import * as contracts from '@homi/contracts';
import { isContract, natsName } from '@homi/contracts';
import { converge, PROJECTED_CONTRACTS } from './project-access';

describe('the projection\'s contracts', () => {
  it('are every identity event: one it did not name would reach its durable (filter identity.>) and be dead-lettered', () => {
    const identityEvents = (Object.values(contracts) as unknown[]).filter(isContract).filter((c) => c.subject.startsWith(natsName.subject('identity.')));
    expect(PROJECTED_CONTRACTS.map((c) => c.subject).sort()).toEqual(identityEvents.map((c) => c.subject).sort());
  });
});

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
