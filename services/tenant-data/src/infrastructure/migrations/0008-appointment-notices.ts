import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/**
 * Appointment confirmations and reminders (ADR 53): a client's consent to them with its time, the
 * institute's lead time, and the notice table libs/mail's queue works on. A notice belongs to its
 * appointment and goes with it; one of each kind per appointment.
 */
export class Migration0008AppointmentNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table clients add column if not exists reminder_consent boolean;');
    this.addSql('alter table clients add column if not exists reminder_consent_at timestamptz;');
    this.addSql('alter table institutes add column if not exists reminder_lead_hours integer not null default 24 check (reminder_lead_hours between 1 and 336);');
    this.addSql(`
      create table if not exists appointment_notices (
        id text primary key,
        tenant_id text not null,
        appointment_id text not null references appointments (id) on delete cascade deferrable initially deferred,
        kind text not null check (kind in ('confirmation', 'reminder')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        lease_until timestamptz,
        sent_at timestamptz,
        gave_up_at timestamptz,
        created_at timestamptz not null,
        unique (appointment_id, kind)
      );`);
    this.addSql('create index if not exists appointment_notices_due_idx on appointment_notices (next_attempt_at, id) where sent_at is null and gave_up_at is null;');
    this.addSql('create index if not exists appointment_notices_tenant_idx on appointment_notices (tenant_id, appointment_id);');
    for (const sql of forcedTenantIsolation('appointment_notices', TENANT_ROLE)) this.addSql(sql);
    this.addSql(`grant select, insert, update, delete on appointment_notices to ${TENANT_ROLE};`);
  }
}
