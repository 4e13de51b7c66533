import { Migration } from '@mikro-orm/migrations';
import { TENANT_ROLE } from './0001-initial';

/**
 * The institute's name follows its profile in tenant-data (ADR 74): in the tenant's own scope the
 * tenant role may change that one column of its own row (row-level security keeps it to that row);
 * every other column of `tenants` stays read-only to it.
 */
export class Migration0008InstituteName extends Migration {
  override async up(): Promise<void> {
    this.addSql(`grant update (institute_name) on tenants to ${TENANT_ROLE};`);
  }
}
