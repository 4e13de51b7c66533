import { createHmac, randomBytes } from 'node:crypto';
import { MailNotSentError, type MailSender } from './mail-sender';
import { renderMail, type MailLocale } from './render';
import { MAIL_TEMPLATES, type MailTemplateData, type MailTemplateName } from './templates';

/** The part of a pino logger the mailer uses. */
export interface MailLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MailerOptions {
  /** Key of the recipient reference in the log; a random one per process when not given. */
  recipientKey?: Buffer;
}

/**
 * Renders a template in the recipient's language, sends it, and logs one line per mail with the
 * template, the Message-ID and an opaque reference of the recipient: never the address or the
 * content, which are personal data (a keyed hash, so the reference cannot be looked up by guessing).
 */
export class Mailer {
  private readonly key: Buffer;

  constructor(
    private readonly sender: MailSender,
    private readonly log: MailLog,
    options: MailerOptions = {},
  ) {
    this.key = options.recipientKey ?? randomBytes(32);
  }

  async send<T extends MailTemplateName>(
    to: string, template: T, locale: MailLocale, data: MailTemplateData<T>, options: { messageId?: string; headers?: Record<string, string> } = {},
  ): Promise<{ messageId: string }> {
    const compose = MAIL_TEMPLATES[template] as (l: MailLocale, d: MailTemplateData<T>) => Parameters<typeof renderMail>[0];
    const rendered = renderMail(compose(locale, data));
    const recipient = this.recipientRef(to);
    try {
      const { messageId } = await this.sender.send({ to, ...rendered, ...(options.messageId ? { messageId: options.messageId } : {}), ...(options.headers ? { headers: options.headers } : {}) });
      this.log.info({ mail: { template, locale, messageId, recipient } }, 'mail sent');
      return { messageId };
    } catch (err) {
      // An SMTP refusal's text can quote the address: only its codes are kept.
      const e = err as { code?: unknown; responseCode?: unknown };
      this.log.warn({ mail: { template, locale, recipient }, smtp: { code: e?.code, responseCode: e?.responseCode } }, 'mail not sent');
      throw new MailNotSentError(template, err);
    }
  }

  /** The same address gives the same reference within a process (or with the same key). */
  recipientRef(address: string): string {
    return createHmac('sha256', this.key).update(address.trim().toLowerCase()).digest('hex').slice(0, 16);
  }

  close(): Promise<void> {
    return this.sender.close();
  }
}
