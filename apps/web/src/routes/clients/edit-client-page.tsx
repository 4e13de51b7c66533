import { tenantDataApi } from '@homi/contracts';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useClientNotes } from '../../api/client-health';
import { useClient, useUpdateClient } from '../../api/clients';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { ButtonLink, Link, PageHeader, ProblemMessage, Skeleton, useToast } from '../../ui';
import { ClientForm, clientFormValues } from './client-form';
import { NoEditRights } from './no-edit-rights';

/** /t/$tenantId/clients/$clientId/edit */
export function EditClientPage() {
  const { clientId } = useParams({ from: '/signed-in/shell/t/$tenantId/clients/$clientId/edit' });
  return <EditClient clientId={clientId} />;
}

/** A client's details to change, with their notes (read first: the form shows them). */
export function EditClient({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('clients', 'edit');
  const client = useClient(tenantId, clientId);
  // The form shows the client's notes: read, as on the card, in the call the audit log records (ADR 64).
  const notes = useClientNotes(tenantId, clientId, { enabled: canEdit && client.data?.hasNotes === true });
  const needsNotes = client.data?.hasNotes === true;
  const update = useUpdateClient(tenantId, clientId);
  const navigate = useNavigate();
  const toast = useToast();
  const card = { to: '/t/$tenantId/clients/$clientId', params: { tenantId, clientId } } as const;
  return (
    <>
      <PageHeader
        title={client.data ? t('clients.editTitle', { name: client.data.name }) : t('clients.editTitleLoading')}
        back={<Link {...card}>← {t('clients.backToCard')}</Link>}
      />
      {!canEdit && <NoEditRights />}
      {canEdit && (client.isPending || (needsNotes && notes.isPending)) && <Skeleton lines={8} />}
      {canEdit && client.isError && <ProblemMessage problem={client.error} onRetry={() => void client.refetch()} />}
      {canEdit && needsNotes && notes.isError && <ProblemMessage problem={notes.error} onRetry={() => void notes.refetch()} />}
      {canEdit && client.data && (!needsNotes || notes.data) && (
        <ClientForm
          schema={tenantDataApi.UpdateClient}
          emptyAs="null"
          defaultValues={clientFormValues(client.data, notes.data?.general)}
          submitLabel={t('clients.save')}
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            toast(t('clients.saved'));
            await navigate(card);
          }}
          cancel={<ButtonLink variant="secondary" {...card}>{t('common.cancel')}</ButtonLink>}
        />
      )}
    </>
  );
}
