/** One mail as it leaves the platform: rendered already, addressed to one recipient. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * The Message-ID to send with (`<…@…>`); the transport makes one when absent. A sender that may
   * repeat a mail after a crash gives the same one each time, so mail clients show it once.
   */
  messageId?: string;
  /** Extra header fields, e.g. `List-Unsubscribe` (RFC 2369, 8058); never personal data beyond a link's opaque code. */
  headers?: Record<string, string>;
}

/** The port every service sends mail through; SMTP in every environment (a catcher in development). */
export interface MailSender {
  /** Resolves once the SMTP server accepted the mail; the id is the Message-ID it went out with. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

/** The mail could not be handed to the SMTP server; carries no address and no content. */
export class MailNotSentError extends Error {
  constructor(
    readonly template: string,
    override readonly cause?: unknown,
  ) {
    super(`mail "${template}" was not accepted by the SMTP server`);
    this.name = 'MailNotSentError';
  }
}
