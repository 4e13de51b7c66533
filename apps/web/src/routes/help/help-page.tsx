import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTickets } from '../../api/tickets';
import { useTenant } from '../../permissions/tenant-context';
import { formatDateTime } from '../../format';
import { ButtonLink, CursorPagination, DataTable, EmptyState, Link, PageHeader, PagedListStates, useCursorPages } from '../../ui';
import { STATUSES_OF, useTicketLabels, type StatusChoice } from './labels';
import { StatusFilter } from './status-filter';
import { TicketStatus } from './ticket-status';

/**
 * /t/$tenantId/help: the institute's questions to HOMi support — all of them for owners and admins,
 * one's own for other members (the helpdesk decides) — ongoing first, and asking a new one.
 */
export function HelpPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const labels = useTicketLabels();
  const [choice, setChoice] = useState<StatusChoice>('active');
  const pages = useCursorPages();
  const list = useTickets(tenantId, { status: STATUSES_OF[choice], cursor: pages.cursor });
  const items = list.data?.items ?? [];
  const ask = <ButtonLink to="/t/$tenantId/help/new" params={{ tenantId }}>{t('help.list.new')}</ButtonLink>;
  return (
    <>
      <PageHeader title={t('help.list.title')} description={t('help.list.lead')} actions={ask} />
      <div className="mb-4">
        <StatusFilter value={choice} onChange={(value) => { setChoice(value); pages.reset(); }} />
      </div>
      <PagedListStates
        query={list} count={items.length} skeletonLines={5}
        empty={<EmptyState title={t('help.list.emptyTitle')} action={ask}>{t('help.list.emptyText')}</EmptyState>}
      >
        <DataTable
          caption={t('help.list.caption', { page: pages.page })} rows={items} rowKey={(ticket) => ticket.id}
          columns={[
            {
              header: t('help.list.subject'), cellClassName: 'break-words',
              cell: (ticket) => (
                <Link to="/t/$tenantId/help/$ticketId" params={{ tenantId, ticketId: ticket.id }}>
                  {ticket.subject ?? t('help.list.erasedSubject')}
                </Link>
              ),
            },
            { header: t('help.list.category'), className: 'hidden sm:table-cell', cell: (ticket) => labels.category(ticket.category) },
            { header: t('help.list.status'), cell: (ticket) => <TicketStatus status={ticket.status} /> },
            { header: t('help.list.updated'), className: 'hidden md:table-cell', cellClassName: 'whitespace-nowrap', cell: (ticket) => formatDateTime(ticket.updatedAt) },
          ]}
        />
        <CursorPagination pages={pages} nextCursor={list.data?.nextCursor} busy={list.isFetching} />
      </PagedListStates>
    </>
  );
}
