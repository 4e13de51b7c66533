import type { Deps } from './deps';

export type RenameOutcome = 'renamed' | 'unchanged' | 'not-kept' | 'tenant-gone';

/**
 * identity announced that an institute's name changed (TenantRenamed, ADR 74): the copy support's
 * desk shows takes the name identity gives now. Only a kept name is followed: the helpdesk learns an
 * institute's name at its first ticket, so an institute without tickets has nothing here to update.
 * identity is asked between the two units of work, never while one is open; when it cannot answer
 * this throws, and the announcement comes again later. Reading the current name (not one the
 * announcement carries) makes a repeated or late announcement harmless.
 */
export async function followInstituteRename(deps: Pick<Deps, 'uow' | 'institutes' | 'clock'>, tenantId: string): Promise<RenameOutcome> {
  const kept = await deps.uow.forTenant(tenantId, ({ institutes }) => institutes.get(tenantId));
  if (!kept) return 'not-kept';
  const name = await deps.institutes.nameOf(tenantId);
  // identity no longer knows the tenant: its erasure reaches the helpdesk through the privacy service.
  if (name === undefined) return 'tenant-gone';
  return deps.uow.forTenant(tenantId, async ({ institutes }) => {
    const current = await institutes.get(tenantId);
    if (!current) return 'not-kept';
    if (current.name === name) return 'unchanged';
    current.name = name;
    current.learnedAt = deps.clock();
    return 'renamed';
  });
}
