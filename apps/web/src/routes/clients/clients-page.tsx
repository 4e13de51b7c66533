import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientPage } from '../../api/clients';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { ButtonLink, DataTable, EmptyState, Link, PageHeader, PagedListStates, Pagination, TextInput } from '../../ui';
import { nextClientPage, previousClientPage, searchClients, useClientListState } from './list-state';
import { ContactValue } from './masked';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/** /t/$tenantId/clients: search by name, a page at a time over the API's cursors. */
export function ClientsPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('clients', 'edit');
  const list = useClientListState(tenantId);
  const [typed, setTyped] = useState(list.q);
  const searchId = useId();
  const page = useClientPage(tenantId, { q: list.q.trim() || undefined, cursor: list.cursor, limit: PAGE_SIZE });

  // Search as the person types, once they pause.
  useEffect(() => {
    if (typed === list.q) return;
    const timer = setTimeout(() => searchClients(tenantId, typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, list.q, tenantId]);

  const items = page.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('clients.title')}
        actions={canEdit && (
          <>
            <ButtonLink variant="secondary" to="/t/$tenantId/clients/import" params={{ tenantId }}>{t('clientImport.open')}</ButtonLink>
            <ButtonLink to="/t/$tenantId/clients/new" params={{ tenantId }}>{t('clients.new')}</ButtonLink>
          </>
        )}
      />
      <form
        role="search"
        className="mb-4 max-w-md"
        onSubmit={(event) => {
          event.preventDefault();
          searchClients(tenantId, typed);
        }}
      >
        <label htmlFor={searchId} className="mb-1 block text-sm font-medium">{t('clients.search')}</label>
        <TextInput id={searchId} type="search" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
      </form>
      <PagedListStates
        query={page} count={items.length} skeletonLines={6}
        empty={
          <EmptyState
            title={list.q ? t('clients.noMatches', { q: list.q }) : t('clients.empty.title')}
            action={!list.q && canEdit && <ButtonLink to="/t/$tenantId/clients/new" params={{ tenantId }}>{t('clients.new')}</ButtonLink>}
          >
            {!list.q && (canEdit ? t('clients.empty.text') : t('clients.empty.textViewer'))}
          </EmptyState>
        }
      >
        <DataTable
          caption={t('clients.caption', { page: list.page })} rows={items} rowKey={(client) => client.id}
          columns={[
            {
              header: t('fields.client.name'),
              cell: (client) => <Link to="/t/$tenantId/clients/$clientId" params={{ tenantId, clientId: client.id }}>{client.name}</Link>,
            },
            {
              header: t('fields.client.email'), className: 'hidden sm:table-cell', cellClassName: 'break-all',
              cell: (client) => <ContactValue value={client.email} masked={client.masked} />,
            },
            {
              header: t('fields.client.phone'), className: 'hidden md:table-cell',
              cell: (client) => <ContactValue value={client.phone} masked={client.masked} />,
            },
          ]}
        />
        <Pagination
          page={list.page}
          hasPrevious={list.page > 1}
          hasNext={Boolean(page.data?.nextCursor)}
          onPrevious={() => previousClientPage(tenantId)}
          onNext={() => page.data?.nextCursor && nextClientPage(tenantId, page.data.nextCursor)}
          busy={page.isFetching}
        />
      </PagedListStates>
    </>
  );
}
