import type { OwnerDeclaration } from '@homi/contracts';
import { processingTerms } from '../domain/owner';
import { privacyDeclaration } from '../privacy';
import type { Deps } from './deps';
import { REQUEST_WORK } from './request-work';

/**
 * The record of processing (GDPR art. 30), generated from every registered owner's declaration,
 * with each category's retention and when its owner last purged data past that retention.
 */
export async function buildDataMap(deps: Pick<Deps, 'uow' | 'clock'>) {
  const { owners, purges } = await deps.uow.snapshot(REQUEST_WORK, async ({ owners, retentionTrail }) => ({
    owners: await owners.all(),
    purges: await retentionTrail.lastPurges(),
  }));
  const entries: { declaration: OwnerDeclaration; lastAnnouncedAt: string | null }[] = owners.map((o) => ({
    declaration: o.declaration,
    lastAnnouncedAt: o.lastAnnouncedAt.toISOString(),
  }));
  // The service's own data, declared in code rather than announced.
  if (!owners.some((o) => o.owner === privacyDeclaration.owner)) entries.push({ declaration: privacyDeclaration, lastAnnouncedAt: null });
  return {
    generatedAt: deps.clock().toISOString(),
    owners: entries
      .sort((a, b) => a.declaration.owner.localeCompare(b.declaration.owner))
      .map(({ declaration, lastAnnouncedAt }) => describe(declaration, lastAnnouncedAt, purges)),
  };
}

const describe = (d: OwnerDeclaration, lastAnnouncedAt: string | null, purges: Map<string, string>) => ({
  owner: d.owner,
  version: d.version,
  controllerRole: d.controllerRole,
  lastAnnouncedAt,
  categories: d.categories.map((c) => ({
    name: c.name,
    description: c.description,
    subjects: c.subjects,
    ...processingTerms(c),
    lastPurgeAt: purges.get(`${d.owner}/${c.name}`) ?? null,
  })),
});
