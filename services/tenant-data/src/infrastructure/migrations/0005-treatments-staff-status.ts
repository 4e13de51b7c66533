import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/**
 * Treatments, staff working hours, and appointments with a treatment, a staff member and a status
 * (ADR 46). Existing appointments keep their free-text treatment and get status `booked`, no
 * treatment and no staff member, so they stay valid and take part in no overlap check. The exclusion
 * constraint is what makes double booking impossible, also for requests racing each other: two
 * appointments of one staff member that are not cancelled cannot overlap in time.
 */
export class Migration0005TreatmentsStaffStatus extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists btree_gist;');
    this.addSql(`
      create table if not exists treatments (
        id text primary key,
        tenant_id text not null,
        name text not null,
        duration_minutes integer not null check (duration_minutes between 5 and 480),
        price_cents integer not null check (price_cents >= 0),
        tax_rate integer not null check (tax_rate in (0, 9, 21)),
        active boolean not null default true,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (tenant_id, id)
      );`);
    this.addSql('create index if not exists treatments_tenant_idx on treatments (tenant_id, lower(name), id);');
    this.addSql(`
      create table if not exists working_hours (
        tenant_id text not null,
        user_id text not null,
        periods jsonb not null,
        updated_at timestamptz not null,
        primary key (tenant_id, user_id)
      );`);
    this.addSql(`alter table appointments add column if not exists treatment_id text;`);
    this.addSql(`alter table appointments add column if not exists staff_id text;`);
    this.addSql(`alter table appointments add column if not exists status text not null default 'booked';`);
    this.addSql(`
      alter table appointments add constraint appointments_status_check
        check (status in ('booked', 'completed', 'cancelled', 'no-show'));`);
    this.addSql(`
      alter table appointments add constraint appointments_treatment_fk
        foreign key (tenant_id, treatment_id) references treatments (tenant_id, id);`);
    this.addSql(`
      alter table appointments add constraint appointments_no_overlap
        exclude using gist (tenant_id with =, staff_id with =, tstzrange(starts_at, ends_at) with &&)
        where (staff_id is not null and status <> 'cancelled');`);
    this.addSql('create index if not exists appointments_tenant_staff_start_idx on appointments (tenant_id, staff_id, starts_at) where staff_id is not null;');
    for (const table of ['treatments', 'working_hours']) {
      for (const sql of forcedTenantIsolation(table, TENANT_ROLE)) this.addSql(sql);
      this.addSql(`grant select, insert, update, delete on ${table} to ${TENANT_ROLE};`);
    }
  }
}
