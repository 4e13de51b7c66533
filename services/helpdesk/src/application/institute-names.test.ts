import { inMemoryDeps } from './in-memory';
import { followInstituteRename } from './institute-names';
import { openTicket, type Member } from './tickets';

const TENANT = 'ten_aaaaaaaaaa';
const staff: Member = { userId: 'usr_staff00001', tenantId: TENANT, role: 'staff' };
const question = { subject: 'Factuur klopt niet', category: 'invoicing' as const, message: 'Het btw-bedrag is te hoog.' };

/** identity's answers, changed by the test, and how often it was asked. */
function identityNames(first: string | undefined) {
  const state = { name: first, asked: 0, down: false };
  return { state, directory: { nameOf: async () => { state.asked += 1; if (state.down) throw new Error('identity down'); return state.name; } } };
}

describe('following a renamed institute (unit)', () => {
  it('takes the name identity gives now for a name it keeps, and the same name again changes nothing', async () => {
    const identity = identityNames('Salon Zon');
    const { deps, repositories, clock } = inMemoryDeps({ institutes: identity.directory });
    await openTicket(deps, staff, question);
    const learnedAt = (await repositories.institutes.get(TENANT))!.learnedAt;

    identity.state.name = 'Salon Zon & Maan';
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(await followInstituteRename(deps, TENANT)).toBe('renamed');
    const kept = await repositories.institutes.get(TENANT);
    expect(kept?.name).toBe('Salon Zon & Maan');
    expect(kept!.learnedAt.getTime()).toBe(learnedAt.getTime() + 60_000);
    expect(await followInstituteRename(deps, TENANT)).toBe('unchanged');
  });

  it('keeps nothing for an institute that never opened a ticket, without asking identity', async () => {
    const identity = identityNames('Salon Zon');
    const { deps, repositories } = inMemoryDeps({ institutes: identity.directory });
    expect(await followInstituteRename(deps, TENANT)).toBe('not-kept');
    expect(await repositories.institutes.get(TENANT)).toBeNull();
    expect(identity.state.asked).toBe(0);
  });

  it('keeps the old name when identity no longer knows the tenant, and throws (to be asked again) when identity cannot answer', async () => {
    const identity = identityNames('Salon Zon');
    const { deps, repositories } = inMemoryDeps({ institutes: identity.directory });
    await openTicket(deps, staff, question);
    identity.state.down = true;
    await expect(followInstituteRename(deps, TENANT)).rejects.toThrow('identity down');
    identity.state.down = false;
    identity.state.name = undefined;
    expect(await followInstituteRename(deps, TENANT)).toBe('tenant-gone');
    expect((await repositories.institutes.get(TENANT))?.name).toBe('Salon Zon');
  });
});
