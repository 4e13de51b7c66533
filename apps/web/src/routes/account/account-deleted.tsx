import { useTranslation } from 'react-i18next';
import type { AccountDeletion } from '../../api/account';
import { usePrivacyRequest } from '../../api/privacy-requests';
import { useAuth } from '../../auth/auth-context';
import { Alert, Button, ButtonLink, PageHeader } from '../../ui';
import { OwnerProgress } from '../privacy-requests/owner-progress';

/**
 * After the account was deleted: signing in is no longer possible, and the erasure runs as a privacy
 * request this session may still follow (the API admits it while its token lasts).
 */
export function AccountDeleted({ deletion }: { deletion: AccountDeletion }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const request = usePrivacyRequest(deletion.erasureRequestId);
  return (
    <>
      <PageHeader title={t('myAccount.deleted.title')} />
      <div className="flex max-w-2xl flex-col gap-6">
        <Alert tone="success" title={t('myAccount.deleted.lead')}>
          <p>{t('myAccount.deleted.text', { id: deletion.erasureRequestId })}</p>
        </Alert>
        <p className="text-sm text-stone-700">{t('myAccount.deleted.follow')}</p>
        {request.data && <OwnerProgress request={request.data} />}
        <div className="flex flex-wrap gap-3">
          <ButtonLink to="/privacy-requests/$requestId" params={{ requestId: deletion.erasureRequestId }}>{t('myAccount.deleted.open')}</ButtonLink>
          <Button variant="secondary" onClick={() => void auth.signOut()}>{t('auth.signOut')}</Button>
        </div>
      </div>
    </>
  );
}
