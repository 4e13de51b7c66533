import type { Module } from '@homi/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportAccessRequest } from '../../api/support-access';
import { formatDateTime, formatDuration } from '../../format';
import { Detail } from '../../ui';

/** One fact of a request: a label over its value (in a `dl`). */
export const Fact = ({ label, children }: { label: string; children: ReactNode }) => <Detail label={label} stacked>{children}</Detail>;

/** Module names in the person's language, joined. */
export function useModuleList() {
  const { t } = useTranslation();
  return (modules: readonly Module[]) => modules.map((m) => t(`admin.modules.${m}`)).join(', ');
}

/** What support asked for: reason, the helpdesk ticket and its subject (ADR 43), modules, mode, duration, when. */
export function RequestFacts({ request }: { request: SupportAccessRequest }) {
  const { t } = useTranslation();
  const moduleList = useModuleList();
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
      <Fact label={t('admin.supportAccess.reason')}>{t(`admin.supportAccess.reasons.${request.reason}`)}</Fact>
      <Fact label={t('admin.supportAccess.ticket')}><span className="break-all font-mono">{request.ticketId}</span></Fact>
      <Fact label={t('admin.supportAccess.subject')}>{request.ticketSubject ?? t('admin.supportAccess.subjectUnknown')}</Fact>
      <Fact label={t('admin.supportAccess.modules')}>{moduleList(request.modules)}</Fact>
      <Fact label={t('admin.supportAccess.mode')}>{t(`admin.supportAccess.modes.${request.mode}`)}</Fact>
      <Fact label={t('admin.supportAccess.asked')}>{formatDuration(request.durationMinutes)}</Fact>
      <Fact label={t('admin.supportAccess.askedAt')}>{formatDateTime(request.createdAt)}</Fact>
    </dl>
  );
}
