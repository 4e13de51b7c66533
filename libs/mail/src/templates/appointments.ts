import { formatMoment, type MailContent, type MailLocale } from '../render';

// An institute's mails to its own clients about an appointment (ADR 53): the institute's name and the
// appointment's date and time, nothing else — no treatment (it can say something about health), no
// notes, no staff member — and a link that withdraws the consent to these mails.

export interface AppointmentMailData {
  instituteName: string;
  /** The appointment's start (ISO 8601); shown in Europe/Amsterdam time. */
  startsAt: string;
  /** The unsubscribe page of the web application, with the client's code. */
  unsubscribeLink: string;
}

const TEXT = {
  nl: {
    greeting: 'Beste klant,',
    confirmationSubject: (i: string) => `Bevestiging van je afspraak bij ${i}`,
    confirmation: (i: string, when: string) => `Je afspraak bij ${i} staat vast op ${when}.`,
    reminderSubject: (i: string) => `Herinnering: je afspraak bij ${i}`,
    reminder: (i: string, when: string) => `Dit is een herinnering aan je afspraak bij ${i} op ${when}.`,
    change: 'Kun je niet komen? Neem dan contact op met de salon.',
    because: (i: string) => `Je krijgt deze e-mail omdat je ${i} toestemming gaf je over afspraken te mailen.`,
    regards: (i: string) => `Met vriendelijke groet,\n${i}`,
    unsubscribe: 'Geen afspraakmails meer ontvangen',
  },
  en: {
    greeting: 'Dear client,',
    confirmationSubject: (i: string) => `Your appointment at ${i} is confirmed`,
    confirmation: (i: string, when: string) => `Your appointment at ${i} is booked for ${when}.`,
    reminderSubject: (i: string) => `Reminder: your appointment at ${i}`,
    reminder: (i: string, when: string) => `This is a reminder of your appointment at ${i} on ${when}.`,
    change: 'Cannot make it? Please contact the salon.',
    because: (i: string) => `You receive this e-mail because you agreed that ${i} mails you about appointments.`,
    regards: (i: string) => `Kind regards,\n${i}`,
    unsubscribe: 'Stop appointment e-mails',
  },
} as const;

const appointmentMail = (locale: MailLocale, d: AppointmentMailData, kind: 'confirmation' | 'reminder'): MailContent => {
  const t = TEXT[locale];
  const when = formatMoment(new Date(d.startsAt), locale);
  return {
    subject: kind === 'confirmation' ? t.confirmationSubject(d.instituteName) : t.reminderSubject(d.instituteName),
    greeting: t.greeting,
    paragraphs: [kind === 'confirmation' ? t.confirmation(d.instituteName, when) : t.reminder(d.instituteName, when), t.change],
    afterword: [t.because(d.instituteName)],
    signature: t.regards(d.instituteName),
    footerLink: { label: t.unsubscribe, url: d.unsubscribeLink },
  };
};

/** Sent when the appointment is booked. */
export const appointmentConfirmation = (locale: MailLocale, d: AppointmentMailData): MailContent => appointmentMail(locale, d, 'confirmation');

/** Sent the institute's lead time before the appointment. */
export const appointmentReminder = (locale: MailLocale, d: AppointmentMailData): MailContent => appointmentMail(locale, d, 'reminder');
