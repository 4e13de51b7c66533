import { billingApi } from '@homi/contracts';
import { useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useConnectFactuurSturen, useDisconnectFactuurSturen, useFactuurSturenConnection, type FactuurSturenConnection } from '../../api/invoices';
import { isProblem } from '../../api/problem';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { formatDate, formatDateTime, localeOf } from '../../format';
import { useTenantRole } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Badge, Button, Checkbox, ConfirmDialog, Detail, DetailList, FormField, Link, PageHeader, ProblemMessage, Skeleton, TextInput, useToast } from '../../ui';

interface ConnectValues extends FieldValues {
  username: string;
  apiKey: string;
  shareClientData: boolean;
}

/** The client fields sharing sends, named in the person's language ("naam, e-mailadres, telefoonnummer en adres"). */
function useSharedFields(fields: readonly string[] = billingApi.SHARED_CLIENT_FIELDS) {
  const { t, i18n } = useTranslation();
  const names = fields.map((field) => (i18n.exists(`invoicing.connection.fields.${field}`) ? t(`invoicing.connection.fields.${field}` as 'invoicing.connection.fields.name') : field));
  return new Intl.ListFormat(localeOf(), { type: 'conjunction' }).format(names);
}

/** A refusal of a connection change: one by role said as this page's rule (owners only), others as usual. */
function ConnectionProblem({ problem }: { problem: unknown }) {
  const { t } = useTranslation();
  if (isProblem(problem, 'role-required')) return <Alert tone="danger" title={t('invoicing.connection.ownerOnly.title')}>{t('invoicing.connection.ownerOnly.text')}</Alert>;
  return <ProblemMessage problem={problem} />;
}

/**
 * /t/$tenantId/invoicing/factuursturen: the connection's status for everyone with invoicing:view;
 * connecting (username, API key, consent to share client data) and disconnecting for owners only,
 * as the API decides.
 */
export function FactuurSturenPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const isOwner = useTenantRole('owner');
  const connection = useFactuurSturenConnection(tenantId);
  return (
    <>
      <PageHeader
        title={t('invoicing.connection.title')}
        description={t('invoicing.connection.lead')}
        back={<Link to="/t/$tenantId/invoicing" params={{ tenantId }}>← {t('invoicing.connection.back')}</Link>}
      />
      {connection.isPending && <Skeleton lines={5} />}
      {connection.isError && <ProblemMessage problem={connection.error} onRetry={() => void connection.refetch()} />}
      {connection.isSuccess && (
        <div className="grid gap-6 lg:grid-cols-2">
          <ConnectionStatus connection={connection.data} isOwner={isOwner} />
          {isOwner ? (
            <ConnectForm connection={connection.data} />
          ) : (
            <Alert className="self-start" title={t('invoicing.connection.ownerOnly.title')}>{t('invoicing.connection.ownerOnly.text')}</Alert>
          )}
        </div>
      )}
    </>
  );
}

function ConnectionStatus({ connection: c, isOwner }: { connection: FactuurSturenConnection | null; isOwner: boolean }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const disconnect = useDisconnectFactuurSturen(tenantId);
  const [confirming, setConfirming] = useState(false);
  const toast = useToast();
  const shared = useSharedFields(c?.consent?.scope);
  return (
    <section aria-labelledby="connection-status" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="connection-status" className="mb-4 text-lg font-semibold">{t('invoicing.connection.statusTitle')}</h2>
      {!c ? (
        <Badge>{t('invoicing.connection.notConnected')}</Badge>
      ) : (
        <>
          <DetailList>
            <Detail label={t('invoicing.connection.statusTitle')}>
              <Badge tone={c.status === 'connected' ? 'success' : 'danger'}>{t(`invoicing.connection.${c.status}`)}</Badge>
            </Detail>
            <Detail label={t('invoicing.connection.account')}>{c.username}</Detail>
            <Detail label={t('invoicing.connection.connectedAt')}>{formatDateTime(c.connectedAt)}</Detail>
            <Detail label={t('invoicing.connection.sharing')}>
              {c.shareClientData && c.consent ? t('invoicing.connection.sharingOn', { date: formatDate(c.consent.givenAt) }) : t('invoicing.connection.sharingOff')}
            </Detail>
            {c.shareClientData && c.consent && <Detail label={t('invoicing.connection.sharedFields')}>{shared}</Detail>}
          </DetailList>
          {c.status === 'rejected' && <Alert tone="warning" className="mt-4" title={t('invoicing.rejected.title')}>{t('invoicing.rejected.text')}</Alert>}
          {isOwner && (
            <div className="mt-5">
              <Button variant="danger" onClick={() => { disconnect.reset(); setConfirming(true); }}>{t('invoicing.connection.disconnect')}</Button>
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('invoicing.connection.disconnectTitle')}
        description={t('invoicing.connection.disconnectText')}
        confirmLabel={t('invoicing.connection.disconnectConfirm')}
        busy={disconnect.isPending}
        onConfirm={() =>
          disconnect.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              toast(t('invoicing.connection.disconnectedToast'));
            },
          })
        }
      >
        {disconnect.isError && <ConnectionProblem problem={disconnect.error} />}
      </ConfirmDialog>
    </section>
  );
}

/** Username, API key and the consent to share client data, validated by the request's contracts schema. */
export function ConnectForm({ connection }: { connection: FactuurSturenConnection | null }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const connect = useConnectFactuurSturen(tenantId);
  const toast = useToast();
  const fields = useSharedFields();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<ConnectValues, typeof billingApi.ConnectFactuurSturen>(billingApi.ConnectFactuurSturen, {
    defaultValues: { username: connection?.username ?? '', apiKey: '', shareClientData: connection?.shareClientData ?? false },
  });
  const { register, formState: { errors, isSubmitting } } = form;
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    await connect
      .mutateAsync(body)
      .then(() => {
        toast(t('invoicing.connection.connectedToast'));
        form.resetField('apiKey');
      })
      .catch((error: unknown) => setProblem(applyProblem(error, form)));
  });
  return (
    <section aria-labelledby="connect-form" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="connect-form" className="mb-4 text-lg font-semibold">{connection ? t('invoicing.connection.formTitleAgain') : t('invoicing.connection.formTitle')}</h2>
      <form noValidate onSubmit={submit} className="flex flex-col gap-5">
        {problem !== undefined && <ConnectionProblem problem={problem} />}
        <FormField label={t('invoicing.connection.username')} error={errors.username} required>
          <TextInput autoComplete="off" {...register('username')} />
        </FormField>
        <FormField label={t('invoicing.connection.apiKey')} hint={t('invoicing.connection.apiKeyHint')} error={errors.apiKey} required>
          <TextInput type="password" autoComplete="off" spellCheck={false} {...register('apiKey')} />
        </FormField>
        <Alert title={t('invoicing.connection.shareExplanation.title')}>
          <p>{t('invoicing.connection.shareExplanation.text', { fields })}</p>
          <p className="mt-2">{t('invoicing.connection.shareExplanation.without')}</p>
          <p className="mt-2">{t('invoicing.connection.shareExplanation.record')}</p>
        </Alert>
        <Checkbox label={t('invoicing.connection.share')} error={errors.shareClientData} {...register('shareClientData')} />
        <div className="flex justify-end">
          <Button type="submit" busy={isSubmitting}>{connection ? t('invoicing.connection.submitAgain') : t('invoicing.connection.submit')}</Button>
        </div>
      </form>
    </section>
  );
}
