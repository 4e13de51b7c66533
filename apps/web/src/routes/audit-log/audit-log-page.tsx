import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLog } from '../../api/audit-log';
import { formatDateTimeSeconds } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { useTenantRole } from '../../permissions/use-can';
import { CursorPagination, DataTable, EmptyState, PageHeader, PagedListStates, useCursorPages } from '../../ui';
import { NotForYourRole } from '../tenant/not-for-your-role';
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from './audit-filters';
import { useDescribeEntry } from './describe-entry';
import { useActorName, useNames } from './names';
import { VerificationStatus } from './verification-status';

const PAGE_SIZE = 25;

/** /t/$tenantId/audit-log: the hash-chained log, filtered and paged by the API (owners and admins). */
export function AuditLogPage() {
  const { t } = useTranslation();
  const allowed = useTenantRole('owner', 'admin');
  if (!allowed) return <NotForYourRole title={t('admin.auditLog.title')} />;
  return <AuditLog />;
}

function AuditLog() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const pages = useCursorPages();
  const names = useNames(tenantId);
  const actorName = useActorName(names);
  const describe = useDescribeEntry(names);
  const page = useAuditLog(tenantId, { ...filters, cursor: pages.cursor, limit: PAGE_SIZE });
  const items = page.data?.items ?? [];
  const filtered = filters.actor !== undefined || filters.action !== undefined || filters.supportOnly;

  return (
    <>
      <PageHeader title={t('admin.auditLog.title')} description={t('admin.auditLog.lead')} />
      <VerificationStatus tenantId={tenantId} />
      <AuditFilters
        value={filters}
        names={names}
        onChange={(next) => {
          setFilters(next);
          pages.reset();
        }}
      />
      <PagedListStates
        query={page} count={items.length} skeletonLines={8}
        empty={filtered ? <EmptyState title={t('admin.auditLog.noMatches')} /> : <EmptyState title={t('admin.auditLog.empty.title')}>{t('admin.auditLog.empty.text')}</EmptyState>}
      >
        <DataTable
          caption={t('admin.auditLog.caption', { page: pages.page })} rows={items} rowKey={(entry) => entry.seq}
          columns={[
            {
              header: (
                <>
                  <span className="hidden sm:inline">{t('admin.auditLog.when')}</span>
                  <span className="sm:hidden">{t('admin.auditLog.whenWho')}</span>
                </>
              ),
              cell: (entry) => (
                <>
                  <time dateTime={entry.at}>{formatDateTimeSeconds(entry.at)}</time>
                  <span className="block text-xs text-stone-600">{t('admin.auditLog.entry', { seq: entry.seq })}</span>
                  {/* On a phone the actor goes under the time, as a third column does not fit. */}
                  <span className="mt-1 block font-medium sm:hidden">{actorName(entry.actor)}</span>
                </>
              ),
            },
            { header: t('admin.auditLog.who'), className: 'hidden sm:table-cell', cell: (entry) => actorName(entry.actor) },
            {
              header: t('admin.auditLog.what'),
              cell: (entry) => {
                const { what, details } = describe(entry);
                return (
                  <>
                    <span className="font-medium">{what}</span>
                    {details.map((line) => <span key={line} className="block text-xs text-stone-700 wrap-anywhere">{line}</span>)}
                  </>
                );
              },
            },
          ]}
        />
        <CursorPagination pages={pages} nextCursor={page.data?.nextCursor} busy={page.isFetching} />
      </PagedListStates>
    </>
  );
}
