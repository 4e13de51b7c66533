import { formatMoment, type MailContent, type MailLocale } from '../render';
import { SIGNATURE } from './account';

// The privacy service's notices to whoever made a request (issue 15 item 3): which kind of request,
// the deadline, and a link to the request; never what the request is about or what it found, which
// the requester reads signed in.

export type PrivacyRequestKind = 'access' | 'erasure' | 'rectification';

export interface PrivacyRequestExtendedData {
  requestType: PrivacyRequestKind;
  /** The new deadline (ISO 8601). */
  dueAt: string;
  /** The request in the web application, where the reason for the extension is shown. */
  link: string;
}

export interface PrivacyRequestCompletedData {
  requestType: PrivacyRequestKind;
  link: string;
}

const KIND: Record<MailLocale, Record<PrivacyRequestKind, string>> = {
  nl: { access: 'inzage', erasure: 'verwijdering', rectification: 'correctie' },
  en: { access: 'access', erasure: 'erasure', rectification: 'rectification' },
};

const TEXT = {
  nl: { greeting: 'Hallo,', view: 'Verzoek bekijken', because: 'Je krijgt deze e-mail omdat je dit verzoek hebt gedaan.' },
  en: { greeting: 'Hello,', view: 'View the request', because: 'You receive this e-mail because you made this request.' },
} as const;

/** Both notices: a subject, what happened, and the way to the request. */
const notice = (locale: MailLocale, subject: string, paragraphs: string[], link: string): MailContent => ({
  subject,
  greeting: TEXT[locale].greeting,
  paragraphs,
  action: { label: TEXT[locale].view, url: link },
  afterword: [TEXT[locale].because],
  signature: SIGNATURE[locale],
});

/** The deadline was extended (GDPR art. 12(3)): the new date, and where to read why. */
export function privacyRequestExtended(locale: MailLocale, d: PrivacyRequestExtendedData): MailContent {
  const due = formatMoment(new Date(d.dueAt), locale);
  const kind = KIND[locale][d.requestType];
  return locale === 'nl'
    ? notice(locale, 'Je privacyverzoek duurt langer', [`Je verzoek om ${kind} kost meer tijd. Je krijgt uiterlijk ${due} antwoord.`, 'Log in op HOMi om te lezen waarom.'], d.link)
    : notice(locale, 'Your privacy request takes longer', [`Your ${kind} request needs more time. You will have an answer by ${due}.`, 'Sign in to HOMi to read why.'], d.link);
}

/** The request was carried out: where to read the outcome (and, for access, download the package). */
export function privacyRequestCompleted(locale: MailLocale, d: PrivacyRequestCompletedData): MailContent {
  const kind = KIND[locale][d.requestType];
  return locale === 'nl'
    ? notice(locale, 'Je privacyverzoek is afgehandeld', [`Je verzoek om ${kind} is afgehandeld.`, 'Log in op HOMi om de uitkomst te zien.'], d.link)
    : notice(locale, 'Your privacy request has been carried out', [`Your ${kind} request has been carried out.`, 'Sign in to HOMi to see the outcome.'], d.link);
}
