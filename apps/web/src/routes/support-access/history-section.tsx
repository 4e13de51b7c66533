import { useTranslation } from 'react-i18next';
import { CLOSED_STATUSES, useSupportAccess } from '../../api/support-access';
import { formatDateTime, formatDuration } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import {
  Badge, CursorPagination, EmptyState, ProblemMessage, Skeleton, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, useCursorPages,
} from '../../ui';
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
      {page.isPending && <Skeleton lines={4} />}
      {page.isError && <ProblemMessage problem={page.error} onRetry={() => void page.refetch()} />}
      {page.isSuccess && items.length === 0 && <EmptyState title={t('admin.supportAccess.noHistory')} />}
      {items.length > 0 && (
        <div aria-busy={page.isFetching || undefined}>
          <Table caption={t('admin.supportAccess.historyCaption', { page: pages.page })}>
            <TableHead>
              <tr>
                <TableHeaderCell>{t('admin.supportAccess.historyWhen')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.supportAccess.ticket')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.supportAccess.historyStatus')}</TableHeaderCell>
                <TableHeaderCell className="hidden md:table-cell">{t('admin.supportAccess.historyScope')}</TableHeaderCell>
                <TableHeaderCell className="hidden sm:table-cell">{t('admin.supportAccess.historyEnded')}</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {items.map((request) => (
                <TableRow key={request.id}>
                  <TableCell>{formatDateTime(request.createdAt)}</TableCell>
                  <TableCell className="break-all font-mono">{request.ticket}</TableCell>
                  <TableCell><Badge tone={request.status === 'denied' ? 'danger' : 'neutral'}>{t(`admin.supportAccess.statuses.${request.status}`)}</Badge></TableCell>
                  <TableCell className="hidden md:table-cell">
                    {request.grant
                      ? `${moduleList(request.grant.modules)} · ${t(`admin.supportAccess.modes.${request.grant.mode}`)} · ${formatDuration(request.grant.durationMinutes)}`
                      : t('admin.supportAccess.notGranted')}
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{formatDateTime(request.endedAt ?? request.decidedAt ?? request.answerBy)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <CursorPagination pages={pages} nextCursor={page.data?.nextCursor} busy={page.isFetching} />
        </div>
      )}
    </section>
  );
}
