import { enterAllTenants } from '@homi/service-kit';
import type { PurgeContext, RetentionPolicy } from '@homi/privacy-kit';

// The purge behind privacy.ts's declared period: a closed ticket and its conversation are deleted two
// years after closing, across all tenants (the owner is held to forced row-level security, ADR 4).
// Each batch locks only the tickets it takes (`for update skip locked`) and counts only rows it
// deleted itself. The messages go first, so each category reports its own records.

const closedBefore = (batchSize: number) =>
  `select id from tickets where closed_at < ? order by closed_at limit ${batchSize} for update skip locked`;

/** The conversations of tickets closed before the cutoff. */
const messages: RetentionPolicy = {
  category: 'ticket-messages',
  action: 'erased',
  async purge({ em, cutoff, batchSize }: PurgeContext) {
    await enterAllTenants(em);
    const rows = await em.execute<unknown[]>(
      `delete from ticket_messages where id in (
         select m.id from ticket_messages m join tickets t on t.tenant_id = m.tenant_id and t.id = m.ticket_id
          where t.closed_at < ? limit ${batchSize} for update of m skip locked)
       returning id`,
      [cutoff],
    );
    return rows.length;
  },
};

/** Tickets closed before the cutoff (their messages are gone by then). */
const tickets: RetentionPolicy = {
  category: 'tickets',
  action: 'erased',
  async purge({ em, cutoff, batchSize }: PurgeContext) {
    await enterAllTenants(em);
    const rows = await em.execute<unknown[]>(`delete from tickets where id in (${closedBefore(batchSize)}) returning id`, [cutoff]);
    return rows.length;
  },
};

export const retentionPolicies: readonly RetentionPolicy[] = [messages, tickets];
