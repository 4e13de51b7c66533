import { tenantId as tenantIdSchema } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSupportTickets, type SupportTicketSummary } from '../../api/tickets';
import { formatDateTime } from '../../format';
import { Button, CursorPagination, DataTable, EmptyState, FormField, Link, PageHeader, PagedListStates, SegmentedControl, TextInput, useCursorPages } from '../../ui';
import { STATUSES_OF, useTicketLabels, type StatusChoice } from '../help/labels';
import { StatusFilter } from '../help/status-filter';
import { TicketStatus } from '../help/ticket-status';
import { useOwnId } from './use-own-id';

type AssigneeChoice = 'any' | 'me' | 'none';

/** Whom a ticket is with, as support sees it: you, a colleague, or nobody. */
export function AssigneeName({ ticket }: { ticket: Pick<SupportTicketSummary, 'assigneeId'> }) {
  const { t } = useTranslation();
  const ownId = useOwnId();
  if (!ticket.assigneeId) return <>{t('help.desk.nobody')}</>;
  return <>{ticket.assigneeId === ownId ? t('help.desk.me') : t('help.desk.someone')}</>;
}

/** The institute filter: a tenant id, applied when it is one. */
function InstituteFilter({ value, onChange }: { value?: string; onChange: (value?: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const valid = tenantIdSchema.safeParse(text.trim()).success;
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(event) => { event.preventDefault(); if (valid) onChange(text.trim()); }}
    >
      <FormField label={t('help.desk.instituteFilter')} hint={t('help.desk.instituteFilterHint')}>
        <TextInput value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" spellCheck={false} className="sm:w-72" />
      </FormField>
      <div className="flex gap-2 sm:mb-6">
        <Button type="submit" variant="secondary" disabled={!valid}>{t('help.desk.applyInstitute')}</Button>
        {value && <Button variant="secondary" onClick={() => { setText(''); onChange(undefined); }}>{t('help.desk.clearInstitute')}</Button>}
      </div>
    </form>
  );
}

/** /support/tickets: every institute's tickets for HOMi support, by status, assignee and institute. */
export function DeskPage() {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const [status, setStatus] = useState<StatusChoice>('active');
  const [assignee, setAssignee] = useState<AssigneeChoice>('any');
  const [institute, setInstitute] = useState<string>();
  const pages = useCursorPages();
  const list = useSupportTickets({ status: STATUSES_OF[status], assignee: assignee === 'any' ? undefined : assignee, institute, cursor: pages.cursor });
  const items = list.data?.items ?? [];
  const refilter = <T,>(set: (value: T) => void) => (value: T) => { set(value); pages.reset(); };
  return (
    <>
      <PageHeader title={t('help.desk.title')} description={t('help.desk.lead')} />
      <div className="mb-4 flex flex-col gap-3 lg:flex-row lg:flex-wrap lg:items-start lg:gap-6">
        <StatusFilter value={status} onChange={refilter(setStatus)} />
        <SegmentedControl
          label={t('help.desk.assigneeFilter')} value={assignee} onChange={refilter(setAssignee)} className="w-fit"
          options={(['any', 'me', 'none'] as const).map((value) => ({ value, label: t(`help.desk.assignees.${value}`) }))}
        />
        <InstituteFilter value={institute} onChange={refilter(setInstitute)} />
      </div>
      <PagedListStates
        query={list} count={items.length} skeletonLines={6}
        empty={<EmptyState title={t('help.desk.emptyTitle')}>{t('help.desk.emptyText')}</EmptyState>}
      >
        <DataTable
          caption={t('help.desk.caption', { page: pages.page })} rows={items} rowKey={(ticket) => ticket.id}
          columns={[
            {
              header: t('help.list.subject'), cellClassName: 'break-words',
              cell: (ticket) => (
                <span className="flex flex-col gap-0.5">
                  <Link to="/support/tickets/$ticketId" params={{ ticketId: ticket.id }}>{ticket.subject ?? t('help.list.erasedSubject')}</Link>
                  <span className="text-xs text-stone-600 sm:hidden">{ticket.institute.name ?? t('help.desk.unknownInstitute')}</span>
                </span>
              ),
            },
            { header: t('help.desk.institute'), className: 'hidden sm:table-cell', cell: (ticket) => ticket.institute.name ?? t('help.desk.unknownInstitute') },
            { header: t('help.list.category'), className: 'hidden md:table-cell', cell: (ticket) => labels.category(ticket.category) },
            { header: t('help.list.status'), cell: (ticket) => <TicketStatus status={ticket.status} side="support" /> },
            { header: t('help.desk.assignee'), className: 'hidden md:table-cell', cell: (ticket) => <AssigneeName ticket={ticket} /> },
            { header: t('help.list.updated'), className: 'hidden lg:table-cell', cellClassName: 'whitespace-nowrap', cell: (ticket) => formatDateTime(ticket.updatedAt) },
          ]}
        />
        <CursorPagination pages={pages} nextCursor={list.data?.nextCursor} busy={list.isFetching} />
      </PagedListStates>
    </>
  );
}
