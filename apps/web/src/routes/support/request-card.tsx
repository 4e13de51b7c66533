import { useTranslation } from 'react-i18next';
import { endedWithTicket, type SupportAccessRequest } from '../../api/support-access';
import { formatDateTime, formatDuration, formatTime } from '../../format';
import { Badge, ButtonLink, Countdown, type BadgeTone } from '../../ui';
import { Fact, useModuleList } from '../support-access/request-facts';

const TONES: Record<SupportAccessRequest['status'], BadgeTone> = {
  awaiting_co_approval: 'warning', pending: 'warning', active: 'success', denied: 'danger', revoked: 'neutral', expired: 'neutral', ended: 'neutral',
};

const narrower = (r: SupportAccessRequest) =>
  r.grant !== null && (r.grant.modules.length < r.modules.length || r.grant.durationMinutes < r.durationMinutes || r.grant.mode !== r.mode);

/** One of support's own requests: what was asked, its state and, while it runs, the time left and the way in. */
export function RequestCard({ request, onElapsed }: { request: SupportAccessRequest; onElapsed?: () => void }) {
  const { t } = useTranslation();
  const moduleList = useModuleList();
  const { grant } = request;
  const running = request.status === 'active' && grant !== null;
  const headingId = `request-${request.id}`;
  return (
    <li aria-labelledby={headingId} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold text-stone-900">{t('support.console.request', { ticket: request.ticketId })}</h3>
        <Badge tone={TONES[request.status]}>{endedWithTicket(request) ? t('support.console.statuses.ticketClosed') : t(`support.console.statuses.${request.status}`)}</Badge>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
        <Fact label={t('support.console.institute')}><span className="break-all font-mono">{request.tenantId}</span></Fact>
        <Fact label={t('support.console.reason')}>{t(`support.ask.reasons.${request.reason}`)}</Fact>
        <Fact label={t('support.console.modules')}>{moduleList(request.modules)}</Fact>
        <Fact label={t('support.console.mode')}>{t(`support.ask.modes.${request.mode}`)}</Fact>
        <Fact label={t('support.console.duration')}>{formatDuration(request.durationMinutes)}</Fact>
        <Fact label={t('support.console.askedAt')}>{formatDateTime(request.createdAt)}</Fact>
      </dl>
      {request.status === 'awaiting_co_approval' && <p className="text-sm text-stone-700">{t('support.console.coApproval')}</p>}
      {request.status === 'pending' && <p className="text-sm text-stone-700">{t('support.console.ownerDecides')}</p>}
      {(request.status === 'pending' || request.status === 'awaiting_co_approval') && (
        <p className="text-sm text-stone-700">{t('support.console.answerBy', { date: formatDateTime(request.answerBy) })}</p>
      )}
      {running && (
        <div className="flex flex-col gap-3 rounded-lg bg-emerald-50 p-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex flex-col gap-1 text-sm text-emerald-950">
            <span>{t('support.console.granted')}: {moduleList(grant.modules)} · {t(`support.ask.modes.${grant.mode}`)}</span>
            {narrower(request) && <span>{t('support.console.narrower')}</span>}
            <span>
              {t('support.console.timeLeft')} <Countdown until={grant.expiresAt} onElapsed={onElapsed} className="font-semibold tabular-nums" />
              {' · '}{t('support.console.endsAt', { time: formatTime(grant.expiresAt) })}
            </span>
          </div>
          <ButtonLink to="/t/$tenantId" params={{ tenantId: request.tenantId }} aria-label={t('support.console.openLabel', { ticket: request.ticketId })}>
            {t('support.console.open')}
          </ButtonLink>
        </div>
      )}
      {grant && !running && (
        <p className="text-sm text-stone-700">{t('support.console.granted')}: {moduleList(grant.modules)} · {t(`support.ask.modes.${grant.mode}`)} · {formatDuration(grant.durationMinutes)}</p>
      )}
      {request.endedAt && !running && <p className="text-sm text-stone-700">{t('support.console.endedAt', { date: formatDateTime(request.endedAt) })}</p>}
    </li>
  );
}
