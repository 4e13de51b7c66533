import type { MailLocale, MailTemplateData, MailTemplateName } from '@homi/mail';
import { AppError } from '@homi/service-kit';
import type { Deps } from './deps';

/** Sends a mail the caller's request depends on: when the SMTP server does not take it, 503 `mail-unavailable`. */
export async function sendOrUnavailable<T extends MailTemplateName>(
  deps: Pick<Deps, 'mail'>, to: string, template: T, locale: MailLocale, data: MailTemplateData<T>,
): Promise<void> {
  try {
    await deps.mail.send(to, template, locale, data);
  } catch (err) {
    throw new AppError('unavailable', 'The e-mail could not be sent; nothing was changed. Try again shortly.', { type: 'mail-unavailable', cause: err });
  }
}
