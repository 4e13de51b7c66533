import { erasedByStatement, type RetentionPolicy } from '@homi/privacy-kit';

// The purge behind privacy.ts's declared period: a closed ticket and its conversation are deleted two
// years after closing, across all tenants (the owner is held to forced row-level security, ADR 4).
// Each batch locks only the tickets it takes (`for update skip locked`) and counts only rows it
// deleted itself. The messages go first, so each category reports its own records.

/** The conversations of tickets closed before the cutoff. */
const messages = erasedByStatement('ticket-messages', ({ cutoff, batchSize }) => ({
  sql: `delete from ticket_messages where id in (
          select m.id from ticket_messages m join tickets t on t.tenant_id = m.tenant_id and t.id = m.ticket_id
           where t.closed_at < ? limit ${batchSize} for update of m skip locked)
        returning id`,
  params: [cutoff],
}));

/** Tickets closed before the cutoff (their messages are gone by then). */
const tickets = erasedByStatement('tickets', ({ cutoff, batchSize }) => ({
  sql: `delete from tickets where id in (
          select id from tickets where closed_at < ? order by closed_at limit ${batchSize} for update skip locked)
        returning id`,
  params: [cutoff],
}));

export const retentionPolicies: readonly RetentionPolicy[] = [messages, tickets];
