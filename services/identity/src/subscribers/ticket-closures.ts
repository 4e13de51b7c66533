import { HELPDESK_STREAM, TicketStatusChanged } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import { enterAllTenants } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { followTicketStatus } from '../application/follow-ticket-status';
import { ormRepositories } from '../infrastructure/repositories';

/** Helpdesk tickets closing end the support access that cites them (ADR 43); reopening makes them citable again. */
export function subscribeTicketClosures({ js, orm, logger }: Platform, deps: Pick<Deps, 'clock'>, durable: string): Promise<ConsumerHandle> {
  return runConsumer({
    js, orm, logger,
    stream: HELPDESK_STREAM.name,
    durable,
    contracts: [TicketStatusChanged],
    // One at a time: a ticket's closing and reopening must not overtake each other.
    concurrency: 1,
    handler: async (event, em) => {
      // The event names its tenant; the requests citing the ticket are that tenant's rows.
      await enterAllTenants(em);
      const ended = await followTicketStatus(ormRepositories(em), event.data, deps.clock());
      if (ended.length) logger.info({ ticketId: event.data.ticketId, tenantId: event.data.tenantId, requestIds: ended }, 'support access ended: its ticket was closed');
    },
  });
}
