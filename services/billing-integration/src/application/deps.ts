import type { UseCaseBasics } from '@homi/service-kit';
import type { AppointmentDirectory, BillingUnitOfWork, ClientDirectory, InvoicingProvider, SecretCipher } from './ports';

/** What the use cases need from the outside world; service.ts wires the real ones, tests their own. */
export interface Deps extends UseCaseBasics<BillingUnitOfWork> {
  provider: InvoicingProvider;
  cipher: SecretCipher;
  clients: ClientDirectory;
  appointments: AppointmentDirectory;
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
