import type { remindersNl } from './reminders.nl';

// Appointment confirmations and reminders by e-mail (issue 16 item 4, ADR 53), in English.
export const remindersEn: typeof remindersNl = {
  reminders: {
    consentLabel: 'The client wants appointment confirmations and reminders by e-mail',
    consentHint: 'Only tick this when the client agrees. The moment of agreeing or withdrawing is recorded; the client can unsubscribe through every e-mail.',
    card: {
      title: 'Appointment e-mails',
      given: 'Receives confirmations and reminders (agreed on {{at}})',
      withdrawn: 'Receives no appointment e-mails (withdrawn or declined on {{at}})',
      never: 'Not asked: the client receives no appointment e-mails.',
      noAddress: 'Without an e-mail address no appointment e-mails are sent.',
    },
    settings: {
      title: 'Appointment e-mails',
      lead: 'Clients who agreed get a confirmation when booked and a reminder before the appointment, with your institute\'s name, the date and the time (no treatment or notes).',
      leadHours: 'Send the reminder, hours before the appointment',
      leadHoursHint: 'Between 1 and 336 hours (14 days). Default 24 hours. A change also applies to reminders not yet sent.',
      save: 'Save',
      saved: 'Reminder time saved',
      loading: 'Loading settings…',
      unavailable: 'The settings could not be loaded.',
    },
  },
  unsubscribe: {
    title: 'Unsubscribe from appointment e-mails',
    question: 'No more appointment e-mails from {{institute}}?',
    explain: 'You will no longer receive confirmations and reminders of your appointments at {{institute}}. Your appointments themselves stay as they are.',
    confirm: 'Yes, unsubscribe',
    done: {
      title: 'You are unsubscribed',
      text: '{{institute}} will send you no more appointment e-mails. Want them again after all? Let the salon know.',
    },
    noCode: {
      title: 'This link does not work',
      text: 'Open the unsubscribe link from the salon\'s e-mail.',
      malformed: 'The link is incomplete. Copy the whole link from the e-mail, or click it directly.',
    },
  },
};
