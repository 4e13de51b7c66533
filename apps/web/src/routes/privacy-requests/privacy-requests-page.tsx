import { useTranslation } from 'react-i18next';
import { isAnswered, usePrivacyRequestPage } from '../../api/privacy-requests';
import { formatDate } from '../../format';
import { CursorPagination, DataTable, EmptyState, Link, PageHeader, PagedListStates, useCursorPages } from '../../ui';
import { DaysLeft } from './deadline';
import { useRequestLabels } from './labels';
import { RequestStatus } from './request-status';
import { SubjectName } from './subject-name';

/**
 * /privacy-requests: the requests the person made — about themselves, or for their institute about a
 * client — with their deadline and status, a page at a time (the cursors stay in memory, not in the URL).
 */
export function PrivacyRequestsPage() {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const pages = useCursorPages();
  const page = usePrivacyRequestPage(pages.cursor);
  const items = page.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('privacyRequests.title')} description={t('privacyRequests.lead')} />
      <PagedListStates
        query={page} count={items.length} skeletonLines={6}
        empty={
          <EmptyState title={t('privacyRequests.empty.title')} action={<Link to="/account">{t('privacyRequests.empty.action')}</Link>}>
            {t('privacyRequests.empty.text')}
          </EmptyState>
        }
      >
        <DataTable
          caption={t('privacyRequests.caption', { page: pages.page })} rows={items} rowKey={(request) => request.id}
          columns={[
            {
              header: t('privacyRequests.columns.type'),
              cell: (request) => <Link to="/privacy-requests/$requestId" params={{ requestId: request.id }}>{labels.type(request.type)}</Link>,
            },
            { header: t('privacyRequests.columns.subject'), cell: (request) => <SubjectName subject={request.subject} /> },
            {
              header: t('privacyRequests.columns.status'),
              cell: (request) => (
                <>
                  <RequestStatus request={request} />
                  {/* On a phone the deadline stands under the status rather than in a column off the screen. */}
                  {!isAnswered(request) && <span className="mt-1 block sm:hidden"><DaysLeft request={request} /></span>}
                </>
              ),
            },
            {
              header: t('privacyRequests.columns.received'), className: 'hidden md:table-cell', cellClassName: 'whitespace-nowrap',
              cell: (request) => formatDate(request.receivedAt),
            },
            {
              header: t('privacyRequests.columns.due'), className: 'hidden md:table-cell', cellClassName: 'whitespace-nowrap',
              cell: (request) => formatDate(request.dueAt),
            },
            { header: t('privacyRequests.columns.daysLeft'), className: 'hidden sm:table-cell', cell: (request) => <DaysLeft request={request} /> },
          ]}
        />
        <CursorPagination pages={pages} nextCursor={page.data?.nextCursor} busy={page.isFetching} />
      </PagedListStates>
    </>
  );
}
