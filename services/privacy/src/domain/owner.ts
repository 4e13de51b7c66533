import type { OwnerDeclaration } from '@homi/contracts';

/** A data owner as the registry knows it: its newest declaration of the personal data it holds. */
export class RegisteredOwner {
  constructor(
    readonly owner: string,
    public version: string,
    public declaration: OwnerDeclaration,
    readonly firstSeenAt: Date,
    public lastAnnouncedAt: Date,
  ) {}
}
