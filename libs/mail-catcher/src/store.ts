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
  /** The header fields as sent, by lower-cased name (the first of a repeated one), unfolded: e.g. `list-unsubscribe`. */
  headers: Record<string, string>;
  receivedAt: string;
}

export type CaughtMailSummary = Omit<CaughtMail, 'text' | 'html' | 'headers'>;

export const summary = ({ text: _t, html: _h, headers: _hd, ...rest }: CaughtMail): CaughtMailSummary => rest;

/** What the catcher has counted since it started (or was cleared). */
export interface MailStats {
  /** SMTP transactions that delivered a mail. */
  received: number;
  /** Of those, mails whose Message-ID the same mailbox already held: kept once, as a mailbox does. */
  repeats: number;
}

/**
 * Mails in memory, newest first, at most `limit` (the oldest are dropped). A mail whose Message-ID
 * the same recipients already received is kept once, as real mailboxes show a resent message once
 * (ADR 53): a sender that repeats a mail after a crash, with the same Message-ID, is counted, not shown twice.
 */
export class MailStore {
  private readonly mails: CaughtMail[] = [];
  private readonly seen = new Set<string>();
  private counts: MailStats = { received: 0, repeats: 0 };

  constructor(private readonly limit: number) {}

  add(mail: Omit<CaughtMail, 'id' | 'receivedAt'>): CaughtMail | undefined {
    this.counts.received++;
    const key = mail.messageId ? `${mail.messageId}\n${[...mail.to].sort().join(',')}` : undefined;
    if (key && this.seen.has(key)) {
      this.counts.repeats++;
      return undefined;
    }
    if (key) this.seen.add(key);
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

  stats(): MailStats {
    return { ...this.counts };
  }

  clear(): void {
    this.mails.length = 0;
    this.seen.clear();
    this.counts = { received: 0, repeats: 0 };
  }
}
