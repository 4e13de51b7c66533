import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCreatePrivacyRequest } from '../../api/privacy-requests';
import { Button, Link, ProblemMessage } from '../../ui';

/** "My data package": an access request about oneself (GDPR art. 15); it is followed, and downloaded, on its own page. */
export function MyDataPackage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePrivacyRequest();
  const ask = () =>
    create.mutate(
      { type: 'access', subject: { kind: 'self' } },
      { onSuccess: (request) => void navigate({ to: '/privacy-requests/$requestId', params: { requestId: request.id } }) },
    );
  return (
    <div className="flex flex-col items-start gap-3">
      <p className="text-sm text-stone-700">{t('myAccount.package.text')}</p>
      <p className="text-sm text-stone-700">{t('myAccount.package.clients')}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" busy={create.isPending} onClick={ask}>{t('myAccount.package.action')}</Button>
        <Link to="/privacy-requests">{t('myAccount.package.follow')}</Link>
      </div>
      {create.isError && <ProblemMessage problem={create.error} />}
    </div>
  );
}
