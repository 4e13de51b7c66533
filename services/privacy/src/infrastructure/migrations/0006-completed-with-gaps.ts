import { Migration } from '@mikro-orm/migrations';

/**
 * A request answered at its deadline with owners still silent (ADR 42): `completed_with_gaps`, with
 * its completion time like `completed`. Its tasks stay open, so the open-task index still serves it.
 */
export class Migration0006CompletedWithGaps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table requests drop constraint if exists requests_status_check;`);
    this.addSql(`alter table requests drop constraint if exists requests_check;`);
    this.addSql(`alter table requests add constraint requests_status_check check (status in ('received', 'in_progress', 'completed', 'completed_with_gaps'));`);
    this.addSql(`alter table requests add constraint requests_completed_at_check check ((status in ('completed', 'completed_with_gaps')) = (completed_at is not null));`);
  }
}
