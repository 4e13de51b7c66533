/** A tenant's connection to its FactuurSturen account. The API key is held only encrypted. */
export class Connection {
  status: 'connected' | 'rejected' = 'connected';
  connectedAt: Date;
  updatedAt: Date;

  constructor(
    readonly tenantId: string,
    public username: string,
    /** The API key sealed by the CredentialCipher; see keyId. */
    public apiKeySealed: string,
    public keyId: string,
    public shareClientData: boolean,
    now: Date,
  ) {
    this.connectedAt = now;
    this.updatedAt = now;
  }
}

export type ConsentAction = 'given' | 'withdrawn';

/**
 * One entry of the append-only record of the institute's consent to share client data with the
 * provider: who gave or withdrew it, when, and which client fields it covers.
 */
export class ConsentRecord {
  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly action: ConsentAction,
    readonly actor: string,
    readonly at: Date,
    readonly scope: string[],
  ) {}
}

export type MappingStatus = 'pending' | 'created' | 'deleted' | 'blanked';

/** Which provider-side client stands for one of the institute's clients (reference = our client id). */
export class ClientMapping {
  clientNumber: number | null = null;
  status: MappingStatus = 'pending';
  createdAt: Date;
  updatedAt: Date;

  constructor(
    readonly tenantId: string,
    readonly clientId: string,
    now: Date,
  ) {
    this.createdAt = now;
    this.updatedAt = now;
  }
}
