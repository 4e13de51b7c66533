import type { MailContent, MailLocale } from '../render';
import { SIGNATURE } from './account';

// The helpdesk's reply notices (ADR 43): who may read the reply, the ticket's subject and a link to
// it; never the reply itself, which stays in the helpdesk where erasure reaches it.

export interface TicketReplyData {
  /** The ticket's subject; empty once its opener's data was erased. */
  ticketSubject: string;
  /** The ticket in the web application (signing in shows the reply). */
  link: string;
}

const quoted = (subject: string, none: string) => (subject ? `“${subject}”` : none);

/** To the member who opened the ticket: HOMi support replied. */
export function ticketReplyToMember(locale: MailLocale, d: TicketReplyData): MailContent {
  return locale === 'nl'
    ? {
        subject: 'Nieuw antwoord van de HOMi-helpdesk',
        greeting: 'Hallo,',
        paragraphs: [`De helpdesk van HOMi heeft gereageerd op je vraag ${quoted(d.ticketSubject, 'aan de helpdesk')}.`, 'Log in op HOMi om het antwoord te lezen.'],
        action: { label: 'Antwoord lezen', url: d.link },
        afterword: ['Je krijgt deze e-mail omdat je deze vraag aan de helpdesk hebt gesteld.'],
        signature: SIGNATURE.nl,
      }
    : {
        subject: 'New reply from HOMi support',
        greeting: 'Hello,',
        paragraphs: [`HOMi support replied to your question ${quoted(d.ticketSubject, 'to support')}.`, 'Sign in to HOMi to read the reply.'],
        action: { label: 'Read the reply', url: d.link },
        afterword: ['You receive this e-mail because you asked support this question.'],
        signature: SIGNATURE.en,
      };
}

/** To the support user who took the ticket, or the support mailbox: the institute replied. */
export function ticketReplyToSupport(locale: MailLocale, d: TicketReplyData): MailContent {
  return locale === 'nl'
    ? {
        subject: 'Nieuw antwoord op een helpdeskvraag',
        greeting: 'Hallo,',
        paragraphs: [`Een instelling heeft gereageerd op de vraag ${quoted(d.ticketSubject, 'zonder onderwerp')}.`],
        action: { label: 'Vraag openen', url: d.link },
        signature: SIGNATURE.nl,
      }
    : {
        subject: 'New reply on a support ticket',
        greeting: 'Hello,',
        paragraphs: [`An institute replied on the ticket ${quoted(d.ticketSubject, 'without a subject')}.`],
        action: { label: 'Open the ticket', url: d.link },
        signature: SIGNATURE.en,
      };
}
