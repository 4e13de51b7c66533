import { tenantDataApi } from '@homi/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCreateClient } from '../../api/clients';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { ButtonLink, Link, PageHeader, useToast } from '../../ui';
import { ClientForm, clientFormValues } from './client-form';
import { NoEditRights } from './no-edit-rights';

/** /t/$tenantId/clients/new */
export function NewClientPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('clients', 'edit');
  const create = useCreateClient(tenantId);
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <PageHeader
        title={t('clients.newTitle')}
        back={<Link to="/t/$tenantId/clients" params={{ tenantId }}>← {t('clients.backToList')}</Link>}
      />
      {canEdit ? (
        <ClientForm
          schema={tenantDataApi.CreateClient}
          emptyAs="undefined"
          defaultValues={clientFormValues()}
          submitLabel={t('clients.create')}
          onSubmit={async (body) => {
            const client = await create.mutateAsync(body);
            toast(t('clients.created'));
            await navigate({ to: '/t/$tenantId/clients/$clientId', params: { tenantId, clientId: client.id } });
          }}
          cancel={<ButtonLink variant="secondary" to="/t/$tenantId/clients" params={{ tenantId }}>{t('common.cancel')}</ButtonLink>}
        />
      ) : (
        <NoEditRights />
      )}
    </>
  );
}
