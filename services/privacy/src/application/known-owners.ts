import type { Settings } from './deps';
import type { OwnerRegistryPort } from './ports';

/** Why an announcement is refused, or that it may be registered (ADR 42). */
export type AnnouncementVerdict = 'accepted' | 'unknown-owner' | 'subject-mismatch';

/**
 * Whether an announcement may be registered: its owner is one the configuration names, and it came on
 * that owner's own subject (which only that owner's credential may publish on).
 */
export function judgeAnnouncement(known: readonly string[], subjectOwner: string | undefined, declaredOwner: string): AnnouncementVerdict {
  if (subjectOwner !== declaredOwner) return 'subject-mismatch';
  return known.includes(declaredOwner) ? 'accepted' : 'unknown-owner';
}

/**
 * The owners a request is for: those that have announced themselves and that the configuration names.
 * A registration left from before (or an owner taken out of the configuration) takes no part.
 */
export async function commandableOwners(owners: Pick<OwnerRegistryPort, 'names'>, settings: Pick<Settings, 'owners'>): Promise<string[]> {
  return (await owners.names()).filter((owner) => settings.owners.includes(owner));
}
