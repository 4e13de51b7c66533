import { Migration } from '@mikro-orm/migrations';

/**
 * Usage statistics (ADR 16): the anonymous aggregates, the transient per-day keys
 * and keyed digests that count distinct tenants until the day is closed, and each tenant's own
 * counts, which are the tenant's data and are erased with it.
 */
export class Migration0003UsageStatistics extends Migration {
  override async up(): Promise<void> {
    // The statistics: no column can hold an identifier (a module is a bare lower-case word).
    this.addSql(`
      create table usage_daily (
        day date not null,
        module text not null check (module ~ '^[a-z]{2,20}$'),
        active_tenants int not null default 0 check (active_tenants >= 0),
        actions bigint not null default 0 check (actions >= 0),
        requests bigint not null default 0 check (requests >= 0),
        primary key (day, module)
      );`);
    // Transient: one random key per open day, destroyed with the day's digests when the day closes;
    // the row stays as the marker that the day is closed (a date and two times).
    this.addSql(`
      create table usage_day_keys (
        day date primary key,
        secret bytea check (length(secret) = 32),
        created_at timestamptz not null,
        closed_at timestamptz,
        check ((secret is null) = (closed_at is not null))
      );`);
    this.addSql(`
      create table usage_tenant_digests (
        day date not null references usage_day_keys (day),
        module text not null,
        digest bytea not null check (length(digest) = 32),
        primary key (day, module, digest)
      );`);
    this.addSql(`
      create table tenant_usage_daily (
        tenant_id text not null,
        day date not null,
        module text not null,
        actions bigint not null default 0 check (actions >= 0),
        requests bigint not null default 0 check (requests >= 0),
        primary key (tenant_id, day, module)
      );`);
    this.addSql(`create index tenant_usage_daily_day_idx on tenant_usage_daily (day);`);
  }
}
