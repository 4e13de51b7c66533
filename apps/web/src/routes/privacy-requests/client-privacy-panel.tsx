import { useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/clients';
import { useCreatePrivacyRequest, type PrivacyRequestAccepted } from '../../api/privacy-requests';
import { useTenant } from '../../permissions/tenant-context';
import { Button, ConfirmDialog, ProblemMessage, useToast } from '../../ui';
import { useClientPrivacyRights } from './client-rights';
import { RectificationDialog } from './rectification-dialog';

function Right({ title, text, action }: { title: string; text: string; action: ReactNode }) {
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
      <div className="min-w-0">
        <h3 className="font-medium text-stone-900">{title}</h3>
        <p className="mt-0.5 text-sm text-stone-700">{text}</p>
      </div>
      <div className="shrink-0">{action}</div>
    </li>
  );
}

/**
 * The client's rights under the GDPR, on the client's card: their data package, a correction, erasure.
 * The institute is the controller of its clients' data, so its owners and admins decide; HOMi carries
 * the request out with every service that holds the data and reports back.
 */
export function ClientPrivacyPanel({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const rights = useClientPrivacyRights();
  const create = useCreatePrivacyRequest();
  const navigate = useNavigate();
  const toast = useToast();
  const [dialog, setDialog] = useState<'rectify' | 'erase'>();
  const [failed, setFailed] = useState<unknown>();
  if (!rights.access && !rights.change) {
    // Whoever sees the card but may not act for the institute learns who can.
    return <p className="mt-6 text-sm text-stone-700">{t('clientPrivacy.onlyOwners')}</p>;
  }
  const subject = { kind: 'client' as const, tenantId, clientId: client.id };
  const follow = (request: PrivacyRequestAccepted) => {
    setDialog(undefined);
    toast(t('clientPrivacy.received'));
    void navigate({ to: '/privacy-requests/$requestId', params: { requestId: request.id } });
  };
  const ask = (type: 'access' | 'erasure') => {
    setFailed(undefined);
    create.mutate({ type, subject }, { onSuccess: follow, onError: setFailed });
  };
  const busy = (type: string) => create.isPending && create.variables?.type === type;
  return (
    <section aria-labelledby="client-privacy" className="mt-6 rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="client-privacy" className="text-lg font-semibold">{t('clientPrivacy.title')}</h2>
      <p className="mt-1 text-sm text-stone-700">{t('clientPrivacy.lead')}</p>
      {failed !== undefined && !dialog && <ProblemMessage className="mt-4" problem={failed} />}
      <ul className="mt-2 divide-y divide-stone-100">
        {rights.access && (
          <Right
            title={t('clientPrivacy.access.title')}
            text={t('clientPrivacy.access.text')}
            action={<Button variant="secondary" busy={busy('access')} onClick={() => ask('access')}>{t('clientPrivacy.access.action')}</Button>}
          />
        )}
        {rights.change && (
          <>
            <Right
              title={t('clientPrivacy.rectify.title')}
              text={t('clientPrivacy.rectify.text')}
              action={<Button variant="secondary" onClick={() => setDialog('rectify')}>{t('clientPrivacy.rectify.action')}</Button>}
            />
            <Right
              title={t('clientPrivacy.erase.title')}
              text={t('clientPrivacy.erase.text')}
              action={<Button variant="danger" onClick={() => { setFailed(undefined); setDialog('erase'); }}>{t('clientPrivacy.erase.action')}</Button>}
            />
          </>
        )}
      </ul>
      {rights.access && !rights.change && <p className="mt-2 text-xs text-stone-600">{t('clientPrivacy.viewOnly')}</p>}
      {rights.change && (
        <>
          <RectificationDialog client={client} tenantId={tenantId} open={dialog === 'rectify'} onOpenChange={(open) => setDialog(open ? 'rectify' : undefined)} onRequested={follow} />
          <ConfirmDialog
            open={dialog === 'erase'}
            onOpenChange={(open) => setDialog(open ? 'erase' : undefined)}
            title={t('clientPrivacy.erase.confirmTitle', { name: client.name })}
            description={
              <ul className="ml-5 list-disc space-y-1">
                <li>{t('clientPrivacy.erase.what')}</li>
                <li>{t('clientPrivacy.erase.kept')}</li>
                <li>{t('clientPrivacy.erase.final')}</li>
              </ul>
            }
            confirmLabel={t('clientPrivacy.erase.confirm')}
            onConfirm={() => ask('erasure')}
            busy={busy('erasure')}
          >
            {failed !== undefined && <ProblemMessage problem={failed} />}
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
