import type { TicketCategory, TicketSide, TicketStatus } from '@homi/contracts';

/** A conversation an institute's member opened with HOMi support. */
export class Ticket {
  /** Null once the member who opened it had their data erased (the ticket stays for the institute). */
  subject: string | null;
  /** The member who opened it; null once their data was erased. */
  openedBy: string | null;
  status: TicketStatus = 'open';
  /** The support user who took it. */
  assigneeId: string | null = null;
  createdAt: Date;
  updatedAt: Date;
  /** When it was last closed: retention counts from here (ADR 41). */
  closedAt: Date | null = null;
  /** The opener's language (their browser's, when they opened it): reply notices to them use it (ADR 43). */
  locale: 'nl' | 'en' = 'nl';
  /** The privacy request a `my-data` ticket was turned into (ADR 44); set once. */
  privacyRequestId: string | null = null;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    openedBy: string,
    subject: string,
    readonly category: TicketCategory,
    now: Date,
  ) {
    this.openedBy = openedBy;
    this.subject = subject;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Moves to `status`; a closing stamps closedAt, any other status clears it. False when nothing changed. */
  moveTo(status: TicketStatus, now: Date): boolean {
    if (status === this.status) return false;
    this.status = status;
    this.closedAt = status === 'closed' ? now : null;
    this.updatedAt = now;
    return true;
  }

  /**
   * The status a reply leaves the ticket in: the institute answering a ticket that waited on it, or
   * that support had solved, opens it again; support's reply leaves the status to support.
   */
  statusAfterReply(from: TicketSide): TicketStatus {
    if (from === 'institute' && (this.status === 'waiting-for-customer' || this.status === 'solved')) return 'open';
    return this.status;
  }
}

/** One message of a ticket's conversation. */
export class TicketMessage {
  /** Null once the author's data was erased: the message stays as a gap in the conversation. */
  authorId: string | null;
  body: string | null;
  erasedAt: Date | null = null;
  createdAt: Date;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly ticketId: string,
    readonly from: TicketSide,
    authorId: string,
    body: string,
    now: Date,
  ) {
    this.authorId = authorId;
    this.body = body;
    this.createdAt = now;
  }
}

/** The institute a ticket came from, by name only: all support may know of it (issue 15). */
export class InstituteName {
  constructor(
    readonly tenantId: string,
    public name: string,
    public learnedAt: Date,
  ) {}
}
