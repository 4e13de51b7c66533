import type { EntityManager } from '@mikro-orm/postgresql';
import { SqlNoticeTable } from '@homi/mail';
import { noteNoticeWritten } from '@homi/service-kit';
import type { AppointmentNoticeRepository } from '../application/ports';
import { AppointmentNotice, type NoticeSubject } from '../domain/appointment-notice';

const ACROSS_TENANTS = { filters: { tenant: false } } as const;

/** Appointment notices over MikroORM and libs/mail's queue statements; the sender's methods cross tenants. */
export class OrmAppointmentNoticeRepository extends SqlNoticeTable<AppointmentNotice> implements AppointmentNoticeRepository {
  constructor(private readonly em: EntityManager) {
    super((sql, params) => em.execute(sql, params), 'appointment_notices');
  }

  add(notice: AppointmentNotice): void {
    this.em.persist(notice);
    noteNoticeWritten(this.em);
  }

  async scheduleReminder(tenantId: string, appointmentId: string, dueAt: Date, fresh: () => AppointmentNotice): Promise<void> {
    const existing = await this.em.findOne(AppointmentNotice, { tenantId, appointmentId, kind: 'reminder' });
    if (!existing) return this.add(fresh());
    if (existing.sentAt || existing.gaveUpAt) return;
    existing.nextAttemptAt = dueAt;
    noteNoticeWritten(this.em);
  }

  async dropUnsent(tenantId: string, appointmentId: string, now: Date): Promise<void> {
    await this.em.flush();
    await this.em.execute(
      'update appointment_notices set gave_up_at = ?, lease_until = null where tenant_id = ? and appointment_id = ? and sent_at is null and gave_up_at is null',
      [now, tenantId, appointmentId],
    );
  }

  async rescheduleReminders(tenantId: string, leadHours: number): Promise<number> {
    const rows = await this.em.execute<unknown[]>(
      `update appointment_notices n set next_attempt_at = a.starts_at - make_interval(hours => ?)
         from appointments a
        where n.tenant_id = ? and a.tenant_id = n.tenant_id and a.id = n.appointment_id
          and n.kind = 'reminder' and n.sent_at is null and n.gave_up_at is null
        returning n.id`,
      [leadHours, tenantId],
    );
    if (rows.length) noteNoticeWritten(this.em);
    return rows.length;
  }

  async subjectOf(notice: AppointmentNotice): Promise<NoticeSubject | null> {
    const [row] = await this.em.execute<{ starts_at: Date; status: string; email: string | null; reminder_consent: boolean | null; name: string | null; client_id: string; sent: boolean }[]>(
      `select a.starts_at, a.status, c.email, c.reminder_consent, i.name, c.id as client_id,
              exists (select 1 from appointment_notices n where n.id = ? and n.sent_at is not null) as sent
         from appointments a join clients c on c.tenant_id = a.tenant_id and c.id = a.client_id
         left join institutes i on i.tenant_id = a.tenant_id
        where a.tenant_id = ? and a.id = ?`,
      [notice.id, notice.tenantId, notice.appointmentId],
    );
    if (!row) return null;
    return {
      startsAt: new Date(row.starts_at), status: row.status, email: row.email, reminderConsent: row.reminder_consent,
      instituteName: row.name ?? '', clientId: row.client_id, noticeSent: row.sent,
    };
  }

  protected loadClaimed(ids: string[]): Promise<AppointmentNotice[]> {
    return this.em.find(AppointmentNotice, { id: { $in: ids } }, { ...ACROSS_TENANTS, orderBy: { nextAttemptAt: 'asc', id: 'asc' }, refresh: true });
  }
}
