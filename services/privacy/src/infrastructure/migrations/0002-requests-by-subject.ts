import { Migration } from '@mikro-orm/migrations';

/**
 * Requests found by their subject: an erasure purges the subject's earlier access packages, and
 * without these indexes that scanned the whole request history.
 */
export class Migration0002RequestsBySubject extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists requests_subject_user_idx on requests ((subject ->> 'userId')) where subject ->> 'kind' = 'user';`);
    this.addSql(`create index if not exists requests_subject_tenant_idx on requests ((subject ->> 'tenantId'), (subject ->> 'clientId'));`);
  }
}
