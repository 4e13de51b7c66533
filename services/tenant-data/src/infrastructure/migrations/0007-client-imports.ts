import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/**
 * Client file imports (ADR 49): each client remembers the natural key of the file row it came from,
 * unique per institute, so the same file imported again creates nothing; imports are recorded with
 * counts and per-row reason codes. E-mail addresses are looked up case-insensitively, by index.
 */
export class Migration0007ClientImports extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table clients add column if not exists import_key text;');
    this.addSql('create unique index if not exists clients_tenant_import_key_idx on clients (tenant_id, import_key) where import_key is not null;');
    this.addSql('create index if not exists clients_tenant_email_idx on clients (tenant_id, lower(email)) where email is not null;');
    this.addSql(`
      create table if not exists client_imports (
        id text primary key,
        tenant_id text not null,
        status text not null check (status in ('completed')),
        created_by text not null,
        counts jsonb not null,
        ignored_columns jsonb not null,
        problems jsonb not null,
        created_at timestamptz not null
      );`);
    this.addSql('create index if not exists client_imports_tenant_idx on client_imports (tenant_id, created_at);');
    for (const sql of forcedTenantIsolation('client_imports', TENANT_ROLE)) this.addSql(sql);
    this.addSql(`grant select, insert, update, delete on client_imports to ${TENANT_ROLE};`);
  }
}
