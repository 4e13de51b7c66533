import { Migration } from '@mikro-orm/migrations';

/**
 * What a request is for (ADR 54): a data subject's request (GDPR art. 15–17), or an institute's export
 * of everything it holds, run by the same owners and package machinery but never shown as a privacy request.
 */
export class Migration0009InstituteExports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table requests add column purpose text not null default 'data-subject';`);
    this.addSql(`alter table requests add constraint requests_purpose_check check (purpose in ('data-subject', 'institute-export'));`);
    this.addSql(`create index requests_institute_exports on requests ((subject->>'tenantId'), received_at desc) where purpose = 'institute-export';`);
  }
}
