import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from './config';
import type { MailSender, OutgoingMail } from './mail-sender';

/** MailSender over SMTP with nodemailer: pooled connections, bounded timeouts, TLS as configured. */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
    this.transport = nodemailer.createTransport({
      pool: true,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: settings.requireTls,
      ...(settings.auth ? { auth: settings.auth } : {}),
      ...timeouts,
    });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({ from: this.settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.messageId ? { messageId: mail.messageId } : {}), ...(mail.headers ? { headers: mail.headers } : {}) });
    return { messageId: String(info.messageId) };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
