import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAnswered, usePrivacyRequestPage } from '../../api/privacy-requests';
import { formatDate } from '../../format';
import {
  EmptyState, Link, PageHeader, Pagination, ProblemMessage, Skeleton, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow,
} from '../../ui';
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
  const [cursors, setCursors] = useState<string[]>([]);
  const page = usePrivacyRequestPage(cursors.at(-1));
  const items = page.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('privacyRequests.title')} description={t('privacyRequests.lead')} />
      {page.isPending && <Skeleton lines={6} />}
      {page.isError && <ProblemMessage problem={page.error} onRetry={() => void page.refetch()} />}
      {page.isSuccess && items.length === 0 && (
        <EmptyState title={t('privacyRequests.empty.title')} action={<Link to="/account">{t('privacyRequests.empty.action')}</Link>}>
          {t('privacyRequests.empty.text')}
        </EmptyState>
      )}
      {items.length > 0 && (
        <div aria-busy={page.isFetching || undefined}>
          <Table caption={t('privacyRequests.caption', { page: cursors.length + 1 })}>
            <TableHead>
              <tr>
                <TableHeaderCell>{t('privacyRequests.columns.type')}</TableHeaderCell>
                <TableHeaderCell>{t('privacyRequests.columns.subject')}</TableHeaderCell>
                <TableHeaderCell>{t('privacyRequests.columns.status')}</TableHeaderCell>
                <TableHeaderCell className="hidden md:table-cell">{t('privacyRequests.columns.received')}</TableHeaderCell>
                <TableHeaderCell className="hidden md:table-cell">{t('privacyRequests.columns.due')}</TableHeaderCell>
                <TableHeaderCell className="hidden sm:table-cell">{t('privacyRequests.columns.daysLeft')}</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {items.map((request) => (
                <TableRow key={request.id}>
                  <TableCell>
                    <Link to="/privacy-requests/$requestId" params={{ requestId: request.id }}>{labels.type(request.type)}</Link>
                  </TableCell>
                  <TableCell><SubjectName subject={request.subject} /></TableCell>
                  <TableCell>
                    <RequestStatus request={request} />
                    {/* On a phone the deadline stands under the status rather than in a column off the screen. */}
                    {!isAnswered(request) && <span className="mt-1 block sm:hidden"><DaysLeft request={request} /></span>}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap md:table-cell">{formatDate(request.receivedAt)}</TableCell>
                  <TableCell className="hidden whitespace-nowrap md:table-cell">{formatDate(request.dueAt)}</TableCell>
                  <TableCell className="hidden sm:table-cell"><DaysLeft request={request} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            page={cursors.length + 1}
            hasPrevious={cursors.length > 0}
            hasNext={Boolean(page.data?.nextCursor)}
            onPrevious={() => setCursors((list) => list.slice(0, -1))}
            onNext={() => page.data?.nextCursor && setCursors((list) => [...list, page.data.nextCursor!])}
            busy={page.isFetching}
          />
        </div>
      )}
    </>
  );
}
