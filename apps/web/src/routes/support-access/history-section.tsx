import { useTranslation } from 'react-i18next';
import { CLOSED_STATUSES, endedWithTicket, useSupportAccess } from '../../api/support-access';
import { formatDateTime, formatDuration } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { Badge, CursorPagination, DataTable, EmptyState, PagedListStates, useCursorPages } from '../../ui';
import { useModuleList } from './request-facts';

const PAGE_SIZE = 20;

/** Denied, revoked, lapsed and ended requests, a page at a time over the API's cursors. */
export function HistorySection() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const moduleList = useModuleList();
  const pages = useCursorPages();
  const page = useSupportAccess(tenantId, { status: CLOSED_STATUSES, cursor: pages.cursor, limit: PAGE_SIZE });
  const items = page.data?.items ?? [];
  return (
    <section aria-labelledby="history">
      <h2 id="history" className="mb-3 text-lg font-semibold">{t('admin.supportAccess.historyTitle')}</h2>
      <PagedListStates query={page} count={items.length} skeletonLines={4} empty={<EmptyState title={t('admin.supportAccess.noHistory')} />}>
        <DataTable
          caption={t('admin.supportAccess.historyCaption', { page: pages.page })}
          rows={items}
          rowKey={(request) => request.id}
          columns={[
            { header: t('admin.supportAccess.historyWhen'), cell: (request) => formatDateTime(request.createdAt) },
            { header: t('admin.supportAccess.ticket'), cellClassName: 'break-all font-mono', cell: (request) => request.ticketId },
            {
              header: t('admin.supportAccess.historyStatus'),
              cell: (request) => <Badge tone={request.status === 'denied' ? 'danger' : 'neutral'}>{endedWithTicket(request) ? t('admin.supportAccess.statuses.ticketClosed') : t(`admin.supportAccess.statuses.${request.status}`)}</Badge>,
            },
            {
              header: t('admin.supportAccess.historyScope'), className: 'hidden md:table-cell',
              cell: (request) => request.grant
                ? `${moduleList(request.grant.modules)} · ${t(`admin.supportAccess.modes.${request.grant.mode}`)} · ${formatDuration(request.grant.durationMinutes)}`
                : t('admin.supportAccess.notGranted'),
            },
            {
              header: t('admin.supportAccess.historyEnded'), className: 'hidden sm:table-cell',
              cell: (request) => formatDateTime(request.endedAt ?? request.decidedAt ?? request.answerBy),
            },
          ]}
        />
        <CursorPagination pages={pages} nextCursor={page.data?.nextCursor} busy={page.isFetching} />
      </PagedListStates>
    </section>
  );
}
