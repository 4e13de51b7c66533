import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/**
 * Health data at rest (ADR 50): each institute's data key, wrapped by the configured key-encryption
 * key, and a client's alerts and treatment notes, sealed under that data key (AES-256-GCM, the
 * value `<iv>.<ciphertext>.<tag>`). No column holds plaintext. Alerts and notes go with their client
 * (cascade); the key goes only when the institute is erased, which makes every copy unreadable.
 */
export class Migration0006HealthData extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists health_data_keys (
        tenant_id text primary key,
        kek_id text not null,
        wrapped_key text not null,
        created_at timestamptz not null,
        wrapped_at timestamptz not null
      );`);
    this.addSql(`
      create table if not exists client_alerts (
        tenant_id text not null,
        client_id text not null,
        sealed text not null,
        updated_at timestamptz not null,
        primary key (tenant_id, client_id),
        foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade
      );`);
    this.addSql(`
      create table if not exists client_notes (
        id text primary key,
        tenant_id text not null,
        client_id text not null,
        appointment_id text,
        author_id text not null,
        sealed text not null,
        created_at timestamptz not null,
        foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade
      );`);
    this.addSql('create index if not exists client_notes_client_idx on client_notes (tenant_id, client_id, created_at);');
    for (const table of ['health_data_keys', 'client_alerts', 'client_notes']) {
      for (const sql of forcedTenantIsolation(table, TENANT_ROLE)) this.addSql(sql);
    }
    // A tenant transaction may create its key and read it, never change or drop it: re-wrapping and
    // erasure run as the owner (service.ts at start, privacy.ts).
    this.addSql(`grant select, insert on health_data_keys to ${TENANT_ROLE};`);
    this.addSql(`grant select, insert, update, delete on client_alerts, client_notes to ${TENANT_ROLE};`);
  }
}
