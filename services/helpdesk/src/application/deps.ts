import type { Mailer } from '@homi/mail';
import type { Logger, MailContacts, UseCaseBasics } from '@homi/service-kit';
import type { HelpdeskUnitOfWork, InstituteDirectory } from './ports';

/** What the use cases need from the outside world, as ports; service.ts wires the real ones, unit tests in-memory ones. */
export interface Deps extends UseCaseBasics<HelpdeskUnitOfWork> {
  institutes: InstituteDirectory;
  logger: Logger;
  /** The platform's mail path (ADR 26); reply notices go through it. */
  mail: Pick<Mailer, 'send'>;
  contacts: MailContacts;
  notices: {
    /** Where the institute's replies go while no support user took the ticket; unset: such notices are dropped. */
    supportMailbox?: string;
    /** The ticket in the web application, for the member and for support. */
    links: { member(tenantId: string, ticketId: string): string; support(ticketId: string): string };
  };
}
