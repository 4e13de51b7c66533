import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientAppointments, type ClientAppointmentsWhen } from '../../api/appointments';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Button, ButtonLink, Link, ProblemMessage, Skeleton } from '../../ui';
import { formatLongDay, formatTimeRange } from './format-day';
import { wallTimeOf } from './zoned-time';

/**
 * A client's appointments on their card (agenda:view): upcoming ones soonest first, past ones latest
 * first, each saying whether it has notes, with a link to the appointment (where they are read); booking one with agenda:edit.
 */
export function ClientAppointments({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canView = useCan('agenda', 'view');
  const canBook = useCan('agenda', 'edit');
  // One moment splits upcoming from past while the card is open.
  const [now] = useState(() => new Date().toISOString());
  const headingId = useId();
  if (!canView) return null;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-stone-200 bg-white p-5 lg:col-span-2">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">{t('agenda.client.title')}</h2>
        {canBook && (
          <ButtonLink variant="secondary" size="sm" to="/t/$tenantId/agenda" params={{ tenantId }} search={{ bookFor: clientId }}>
            {t('agenda.client.book')}
          </ButtonLink>
        )}
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <AppointmentList clientId={clientId} when="upcoming" now={now} />
        <AppointmentList clientId={clientId} when="past" now={now} />
      </div>
    </section>
  );
}

function AppointmentList({ clientId, when, now }: { clientId: string; when: ClientAppointmentsWhen; now: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const list = useClientAppointments(tenantId, clientId, when, now);
  const headingId = useId();
  // One that is under way is upcoming, not past.
  const items = (list.data?.pages ?? []).flatMap((page) => page.items).filter((a) => when === 'upcoming' || Date.parse(a.endsAt) <= Date.parse(now));
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="mb-2 text-sm font-semibold uppercase tracking-wide text-stone-700">{t(`agenda.client.${when}`)}</h3>
      {list.isPending && <Skeleton lines={3} />}
      {list.isError && <ProblemMessage problem={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p className="text-sm text-stone-600">{t(`agenda.client.none.${when}`)}</p>}
      {items.length > 0 && (
        <ul className="flex flex-col divide-y divide-stone-200">
          {items.map((a) => (
            <li key={a.id} className="flex flex-col gap-1 py-3 first:pt-0">
              <Link to="/t/$tenantId/agenda/$appointmentId" params={{ tenantId, appointmentId: a.id }}>
                {t('agenda.client.item', { treatment: a.treatment, day: formatLongDay(wallTimeOf(a.startsAt).date), time: formatTimeRange(a.startsAt, a.endsAt) })}
              </Link>
              {a.hasNotes && <p className="text-sm italic text-stone-700">{t('agenda.hasNotes')}</p>}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
          {t('agenda.client.more')}
        </Button>
      )}
    </section>
  );
}
