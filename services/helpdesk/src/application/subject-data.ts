import type { CategoryResult } from '@homi/contracts';
import type { Ticket, TicketMessage } from '../domain/ticket';
import type { Repositories } from './ports';

// The helpdesk as a data owner (issue 15, item 6), on the repositories: privacy.ts runs these over
// the privacy command's own transaction, narrowed to what the subject may reach.

export interface SubjectRecord {
  category: 'tickets' | 'ticket-messages' | 'institute-name';
  data: Record<string, unknown>;
}

const ticketRecord = (t: Ticket): SubjectRecord => ({
  category: 'tickets',
  data: {
    id: t.id, tenantId: t.tenantId, subject: t.subject, category: t.category, status: t.status,
    openedBy: t.openedBy, createdAt: t.createdAt.toISOString(), closedAt: t.closedAt?.toISOString() ?? null,
  },
});

const messageRecord = (m: TicketMessage): SubjectRecord => ({
  category: 'ticket-messages',
  data: { id: m.id, ticketId: m.ticketId, from: m.from, authorId: m.authorId, body: m.body, createdAt: m.createdAt.toISOString() },
});

/** What a user wrote: the tickets they opened and their own messages (support's answers belong to support's conversation, not to them). */
export async function exportUser({ tickets, messages }: Repositories, userId: string): Promise<SubjectRecord[]> {
  const opened = await tickets.openedByAcrossTenants(userId);
  const written = await messages.writtenByAcrossTenants(userId);
  return [...opened.map(ticketRecord), ...written.map(messageRecord)];
}

/** An institute's tickets with their whole conversations, and the name support knows it by. */
export async function exportInstitute({ tickets, messages, institutes }: Repositories, tenantId: string): Promise<SubjectRecord[]> {
  const name = await institutes.get(tenantId);
  const all = await tickets.list(tenantId, { limit: Number.MAX_SAFE_INTEGER });
  const conversation = await messages.ofTenant(tenantId);
  return [
    ...(name ? [{ category: 'institute-name' as const, data: { tenantId, name: name.name } }] : []),
    ...all.map(ticketRecord),
    ...conversation.map(messageRecord),
  ];
}

/**
 * Erases a user: the text of every message they wrote and their authorship are erased, the subjects of
 * the tickets they opened too; the tickets stay for the institute and support's replies remain.
 * Counts only what this run changed, so a repeated command reports 0.
 */
export async function eraseUser({ tickets, messages, notices }: Repositories, userId: string, now: Date): Promise<CategoryResult[]> {
  const written = await messages.eraseWrittenBy(userId, now);
  const opened = await tickets.forgetOpener(userId, now);
  // Reply notices hold the user's id only; they lose it, and one not sent yet is never sent (ADR 43).
  await notices.forgetRecipient(userId, now);
  return [
    { category: 'ticket-messages', records: written, action: 'erased' },
    { category: 'tickets', records: opened, action: 'anonymised' },
  ];
}

/** Erases an institute: its tickets with their conversations, and its name. */
export async function eraseInstitute({ tickets, institutes }: Repositories, tenantId: string): Promise<CategoryResult[]> {
  const removed = await tickets.removeAllOf(tenantId);
  const names = await institutes.remove(tenantId);
  return [
    { category: 'tickets', records: removed.tickets, action: 'erased' },
    { category: 'ticket-messages', records: removed.messages, action: 'erased' },
    { category: 'institute-name', records: names, action: 'erased' },
  ];
}
