import type { Mailer } from '@homi/mail';
import type { Logger, UseCaseBasics } from '@homi/service-kit';
import type { IdentityProvider, IdentityUnitOfWork, Repositories, TicketDirectory } from './ports';
import type { NewTenant } from './tenant-step';

/** Creates the tenant inside the sign-up transaction; a test replaces it to make that step fail. */
export type TenantStep = (repositories: Repositories, tenant: NewTenant) => Promise<void>;

/** What the use cases need from the outside world; service.ts wires the real ones, tests their own. */
export interface Deps extends UseCaseBasics<IdentityUnitOfWork> {
  idp: IdentityProvider;
  logger: Logger;
  tenantStep: TenantStep;
  /** The platform's mail path; templates in the recipient's language. */
  mail: Pick<Mailer, 'send'>;
  /** A new single-use token to mail (only its hash is stored). */
  newToken: () => string;
  /** The web application's pages a mailed token opens; the token goes in the fragment, which no server logs. */
  links: { invitation(token: string): string; emailConfirmation(token: string): string };
  /** A pending e-mail change can be confirmed for this long. */
  emailChangeTtlMs: number;
  /** An unanswered support access request expires after this long. */
  supportRequestTtlMs: number;
  /** The helpdesk's tickets that support access requests cite (ADR 43). */
  tickets: TicketDirectory;
  /**
   * Writes what was just committed to the gateway's KV buckets at once, so the caller's next request
   * sees it (read-your-writes); the outbox event that follows remains the guarantee. Best effort.
   */
  projectNow?: (change: { userId: string; tenantId?: string } | { supportRequestId: string }) => Promise<void>;
}
