import { useTranslation } from 'react-i18next';
import type { SupportAccessRequest } from '../../api/support-access';
import { formatTime } from '../../format';
import { Countdown, Link } from '../../ui';
import { useModuleList } from '../support-access/request-facts';

/**
 * Above every page of an institute HOMi support works in: which institute, under which ticket, what
 * the grant covers (modules, mode) and the time left, ticking. When it runs out, `onElapsed` fetches
 * the requests again and the gate explains that the access is over.
 */
export function SupportBanner({ request, onElapsed }: { request: SupportAccessRequest; onElapsed: () => void }) {
  const { t } = useTranslation();
  const moduleList = useModuleList();
  const grant = request.grant!;
  return (
    <section aria-label={t('support.banner.label')} className="mb-6 flex flex-col gap-2 rounded-xl border-2 border-amber-400 bg-amber-50 p-4 text-amber-950 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-1 text-sm">
        <p className="font-semibold">{t('support.banner.working', { tenant: request.tenantId })}</p>
        <p>{t('support.banner.scope', { modules: moduleList(grant.modules), mode: t(`support.ask.modes.${grant.mode}`) })}</p>
        <p>{t('support.banner.ticket', { ticket: request.ticketId })}</p>
      </div>
      <div className="flex flex-col gap-1 text-sm sm:items-end">
        <p>
          {t('support.banner.timeLeft')} <Countdown until={grant.expiresAt} onElapsed={onElapsed} className="text-lg font-semibold tabular-nums" />
        </p>
        <p>{t('support.banner.endsAt', { time: formatTime(grant.expiresAt) })}</p>
        <Link to="/support">{t('support.banner.console')}</Link>
      </div>
    </section>
  );
}
