import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/**
 * Support access cites a helpdesk ticket (ADR 43): the tickets identity heard were closed, fed by the
 * HELPDESK stream, so a request citing one is refused even before the helpdesk's answer could be
 * stale; and an index to find the requests that cite a ticket when it closes. Ids only, no text.
 */
export class Migration0007TicketClosures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table closed_tickets (
        ticket_id text primary key,
        tenant_id text not null,
        closed_at timestamptz not null
      );`);
    for (const sql of forcedTenantIsolation('closed_tickets', TENANT_ROLE)) this.addSql(sql);
    this.addSql(`create index support_access_requests_ticket_idx on support_access_requests (ticket)
      where status in ('awaiting_co_approval', 'pending', 'active');`);
  }
}
