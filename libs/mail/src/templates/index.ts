import type { MailContent, MailLocale } from '../render';
import { accountVerification, emailChangeAddressInUse, emailChangeConfirmation, emailChanged, invitation } from './account';
import { appointmentConfirmation, appointmentReminder } from './appointments';
import { ticketReplyToMember, ticketReplyToSupport } from './helpdesk';
import { privacyRequestCompleted, privacyRequestExtended } from './privacy';

/**
 * Every mail the platform sends, by name: the name is what the log shows of a mail. A service adds
 * its mails here, in both languages, so one look and one set of translations serve the platform.
 */
export const MAIL_TEMPLATES = {
  invitation,
  'account-verification': accountVerification,
  'email-change-confirmation': emailChangeConfirmation,
  'email-change-address-in-use': (locale: MailLocale, _data: Record<string, never>) => emailChangeAddressInUse(locale),
  'email-changed': emailChanged,
  'ticket-reply-to-member': ticketReplyToMember,
  'ticket-reply-to-support': ticketReplyToSupport,
  'privacy-request-extended': privacyRequestExtended,
  'privacy-request-completed': privacyRequestCompleted,
  'appointment-confirmation': appointmentConfirmation,
  'appointment-reminder': appointmentReminder,
} satisfies Record<string, (locale: MailLocale, data: never) => MailContent>;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export type MailTemplateData<T extends MailTemplateName> = Parameters<(typeof MAIL_TEMPLATES)[T]>[1];

export { hintAddress } from './account';
export type { AccountVerificationData, EmailChangeConfirmationData, EmailChangedData, InvitationData } from './account';
export type { AppointmentMailData } from './appointments';
export type { TicketReplyData } from './helpdesk';
export type { PrivacyRequestCompletedData, PrivacyRequestExtendedData, PrivacyRequestKind } from './privacy';
