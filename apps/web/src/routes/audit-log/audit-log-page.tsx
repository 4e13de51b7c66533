import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLog } from '../../api/audit-log';
import { formatDateTimeSeconds } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { useTenantRole } from '../../permissions/use-can';
import {
  CursorPagination, EmptyState, PageHeader, ProblemMessage, Skeleton, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, useCursorPages,
} from '../../ui';
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
      {page.isPending && <Skeleton lines={8} />}
      {page.isError && <ProblemMessage problem={page.error} onRetry={() => void page.refetch()} />}
      {page.isSuccess && items.length === 0 && (
        filtered ? <EmptyState title={t('admin.auditLog.noMatches')} /> : <EmptyState title={t('admin.auditLog.empty.title')}>{t('admin.auditLog.empty.text')}</EmptyState>
      )}
      {items.length > 0 && (
        <div aria-busy={page.isFetching || undefined}>
          <Table caption={t('admin.auditLog.caption', { page: pages.page })}>
            <TableHead>
              <tr>
                <TableHeaderCell>
                  <span className="hidden sm:inline">{t('admin.auditLog.when')}</span>
                  <span className="sm:hidden">{t('admin.auditLog.whenWho')}</span>
                </TableHeaderCell>
                <TableHeaderCell className="hidden sm:table-cell">{t('admin.auditLog.who')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.auditLog.what')}</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {items.map((entry) => {
                const { what, details } = describe(entry);
                return (
                  <TableRow key={entry.seq}>
                    <TableCell>
                      <time dateTime={entry.at}>{formatDateTimeSeconds(entry.at)}</time>
                      <span className="block text-xs text-stone-600">{t('admin.auditLog.entry', { seq: entry.seq })}</span>
                      {/* On a phone the actor goes under the time, as a third column does not fit. */}
                      <span className="mt-1 block font-medium sm:hidden">{actorName(entry.actor)}</span>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">{actorName(entry.actor)}</TableCell>
                    <TableCell>
                      <span className="font-medium">{what}</span>
                      {details.map((line) => <span key={line} className="block text-xs text-stone-700 wrap-anywhere">{line}</span>)}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <CursorPagination pages={pages} nextCursor={page.data?.nextCursor} busy={page.isFetching} />
        </div>
      )}
    </>
  );
}
