import type { TenantScope } from '../infrastructure/tenant-scope';
import type { CredentialCipher } from '../infrastructure/credential-cipher';
import type { ClientDirectory, InvoicingProvider } from './ports';

/** What the use cases need from the outside world; main.ts wires the real ones, tests their own. */
export interface Deps {
  scope: TenantScope;
  clock: () => Date;
  newId: (prefix: string) => string;
  provider: InvoicingProvider;
  cipher: CredentialCipher;
  clients: ClientDirectory;
  /** Wakes the invoice worker after a commit that gave it work. */
  kickIssuer: () => void;
  timing: {
    /** First retry delay of a pending invoice; doubles per attempt up to retryMaxMs. */
    retryBaseMs: number;
    retryMaxMs: number;
    /** How long after a check an unpaid invoice is asked about again. */
    pollEveryMs: number;
  };
}
