import { Migration } from '@mikro-orm/migrations';

/**
 * Appointments of one client in id order: the privacy export reads them in keyset batches, which
 * without this index sorted every appointment of the client for each batch (quadratic in the
 * client's size). It also serves the erasure's delete.
 */
export class Migration0002AppointmentsByClient extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index if not exists appointments_tenant_client_id_idx on appointments (tenant_id, client_id, id);');
    this.addSql('drop index if exists appointments_client_idx;');
  }
}
