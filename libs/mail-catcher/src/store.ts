import { randomUUID } from 'node:crypto';

/** A mail as the catcher received it. */
export interface CaughtMail {
  id: string;
  messageId: string | null;
  from: string;
  /** The envelope's recipients (RCPT TO), lower-cased. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
}

export type CaughtMailSummary = Omit<CaughtMail, 'text' | 'html'>;

export const summary = ({ text: _t, html: _h, ...rest }: CaughtMail): CaughtMailSummary => rest;

/** Mails in memory, newest first, at most `limit` (the oldest are dropped). */
export class MailStore {
  private readonly mails: CaughtMail[] = [];

  constructor(private readonly limit: number) {}

  add(mail: Omit<CaughtMail, 'id' | 'receivedAt'>): CaughtMail {
    const caught = { ...mail, id: randomUUID(), receivedAt: new Date().toISOString() };
    this.mails.unshift(caught);
    this.mails.length = Math.min(this.mails.length, this.limit);
    return caught;
  }

  /** Newest first; `to` keeps the mails addressed to that address. */
  list(to?: string): CaughtMail[] {
    const wanted = to?.trim().toLowerCase();
    return wanted ? this.mails.filter((m) => m.to.includes(wanted)) : [...this.mails];
  }

  get(id: string): CaughtMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  clear(): void {
    this.mails.length = 0;
  }
}
