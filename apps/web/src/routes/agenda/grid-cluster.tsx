import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AppointmentListItem } from '../../api/appointments';
import { formatTime } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { cn } from '../../ui/cn';
import { statusClasses } from './appointment-status';
import { formatTimeRange } from './format-day';
import { colStart, gridCols, MAX_LANES, rowSpan, rowStart, type Cluster } from './grid-layout';

// Appointments on the time grid that overlap, side by side in lanes; each a link to the appointment.

/**
 * What fits in a block: one line under half an hour; then the client with the treatment; the
 * treatment on a line of its own from 45 minutes, and from an hour that it has notes (their text is on
 * the appointment's page, where reading it is recorded in the audit log).
 */
function BlockText({ appointment: a, rows }: { appointment: AppointmentListItem; rows: number }) {
  const { t } = useTranslation();
  // Not "booked": said in the block itself, not by its colour alone (inline-block: not struck through with the rest).
  const status = a.status !== 'booked' && <span className="mr-1 inline-block rounded bg-white/80 px-1 text-[0.6875rem] font-semibold uppercase not-italic">{t(`agenda.status.${a.status}`)}</span>;
  if (rows < 6) {
    return (
      <span aria-hidden="true" className={cn('truncate', statusClasses(a.status))}>
        {status}<span className="font-semibold tabular-nums">{formatTime(a.startsAt)}</span> {a.client.name}
      </span>
    );
  }
  return (
    <span aria-hidden="true" className={cn('flex min-w-0 flex-col', statusClasses(a.status))}>
      <span className="truncate font-semibold tabular-nums">{status}{formatTimeRange(a.startsAt, a.endsAt)}</span>
      <span className="truncate font-medium">{rows < 9 ? `${a.client.name} · ${a.treatment}` : a.client.name}</span>
      {rows >= 9 && <span className="truncate">{a.treatment}</span>}
      {rows >= 12 && a.hasNotes && <span className="truncate italic">{t('agenda.hasNotes')}</span>}
    </span>
  );
}

function blockTone(status: AppointmentListItem['status'], past: boolean): string {
  if (status === 'cancelled') return 'border-stone-300 bg-stone-50 text-stone-700 hover:bg-stone-100';
  if (status === 'no-show') return 'border-amber-500 bg-amber-50 text-amber-950 hover:bg-amber-100';
  if (status === 'completed') return 'border-emerald-600 bg-emerald-50 text-emerald-950 hover:bg-emerald-100';
  return past ? 'border-stone-400 bg-stone-100 text-stone-800 hover:bg-stone-200' : 'border-brand-600 bg-brand-100 text-brand-900 hover:bg-brand-200';
}

export function ClusterBox({ cluster, now, dayLabel }: { cluster: Cluster; now: Date; dayLabel: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const lanes = Math.min(cluster.lanes, MAX_LANES);
  return (
    <div className={cn(rowStart(cluster.row + 1), rowSpan(cluster.rows), gridCols(lanes), 'pointer-events-none z-10 col-start-1 grid auto-rows-[0.375rem] gap-x-0.5 px-0.5')}>
      {cluster.items.map((item) => {
        const a = item.appointment;
        const past = Date.parse(a.endsAt) <= now.getTime();
        return (
          <Link
            key={a.id}
            to="/t/$tenantId/agenda/$appointmentId"
            params={{ tenantId, appointmentId: a.id }}
            className={cn(
              rowStart(item.row + 1), rowSpan(item.rows), colStart(Math.min(item.lane, MAX_LANES - 1) + 1),
              'pointer-events-auto mb-px flex min-w-0 flex-col overflow-hidden rounded-md border-l-4 px-1.5 py-px text-xs leading-4 focus-visible:z-30',
              blockTone(a.status, past),
            )}
          >
            <span className="sr-only">
              {t('agenda.grid.item', { day: dayLabel, time: formatTimeRange(a.startsAt, a.endsAt), name: a.client.name, treatment: a.treatment })}
              {a.status !== 'booked' && `, ${t(`agenda.status.${a.status}`)}`}
            </span>
            <BlockText appointment={a} rows={item.rows} />
          </Link>
        );
      })}
    </div>
  );
}
