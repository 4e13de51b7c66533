import { Migration } from '@mikro-orm/migrations';

/**
 * A request made from a helpdesk ticket names it (ADR 44). One request per requester and ticket,
 * held by the database: two calls at once, or a retry after a failure, find the same request.
 */
export class Migration0007RequestFromTicket extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table requests add column ticket_id text;`);
    this.addSql(`create unique index requests_one_per_ticket on requests ((requester->>'userId'), ticket_id) where ticket_id is not null;`);
  }
}
