import type { DataCategory, OwnerDeclaration } from '@homi/contracts';

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

/** What a declared category says about its processing: the terms the data map and the art. 15 information both show. */
export const processingTerms = (c: DataCategory) => ({
  fields: c.fields,
  purpose: c.purpose,
  legalBasis: c.legalBasis,
  retention: c.retention,
  recipients: c.recipients,
  source: c.source,
});
