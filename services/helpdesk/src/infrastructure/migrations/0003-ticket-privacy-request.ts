import { Migration } from '@mikro-orm/migrations';

/** A `my-data` ticket names the privacy request it was turned into (ADR 44); only such a ticket does. */
export class Migration0003TicketPrivacyRequest extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table tickets add column privacy_request_id text;`);
    this.addSql(`alter table tickets add constraint tickets_privacy_request_my_data check (privacy_request_id is null or category = 'my-data');`);
  }
}
