import { useTranslation } from 'react-i18next';
import { useConfirmEmailChange } from '../../api/account';
import { useMe } from '../../api/me';
import { useAuth, useAuthState } from '../../auth/auth-context';
import { useMailLinkToken } from '../../auth/mail-link-token';
import { currentLanguage } from '../../i18n/i18n';
import { Alert, Button, ButtonLink, Loading, PageHeader, ProblemMessage } from '../../ui';
import { PublicLayout } from '../public-layout';

function SignedInConfirmation({ token }: { token: string }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const confirm = useConfirmEmailChange();
  if (confirm.isSuccess) {
    return (
      <Alert tone="success" title={t('emailConfirmation.done.title')} actions={<ButtonLink to="/account">{t('emailConfirmation.done.action')}</ButtonLink>}>
        {t('emailConfirmation.done.text', { email: confirm.data.email })}
      </Alert>
    );
  }
  if (me.isPending) return <Loading />;
  const pending = me.data?.pendingEmail;
  return (
    <div className="flex flex-col gap-4">
      {me.data && (
        <p className="text-stone-800">
          {pending
            ? t('emailConfirmation.confirmText', { email: pending.email, current: me.data.email })
            : t('emailConfirmation.nothingPending', { current: me.data.email })}
        </p>
      )}
      {confirm.isError && <ProblemMessage problem={confirm.error} />}
      <div className="flex flex-wrap gap-3">
        <Button busy={confirm.isPending} onClick={() => confirm.mutate(token)}>{t('emailConfirmation.confirm')}</Button>
        {/* The link belongs to another account than the one signed in here: sign in as that one. */}
        <Button variant="secondary" onClick={() => void auth.reauthenticate(`/account/email-confirmation#token=${token}`, currentLanguage())}>
          {t('emailConfirmation.otherAccount')}
        </Button>
      </div>
    </div>
  );
}

/**
 * /account/email-confirmation#token=…: the link mailed to a new address. Confirming needs both the
 * mailbox (the code) and the account (signed in as the one that asked), so a signed-out person signs in
 * first and comes back here with the code, which never leaves the browser except in the request body.
 */
export function EmailConfirmationPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const state = useAuthState();
  const link = useMailLinkToken();
  let body;
  if (!link.token) {
    body = <Alert tone="warning" title={t('emailConfirmation.noCode.title')}>{t(link.malformed ? 'emailConfirmation.noCode.malformed' : 'emailConfirmation.noCode.text')}</Alert>;
  } else if (state.status === 'restoring') {
    body = <Loading label={t('auth.restoring')} />;
  } else if (state.status === 'signed-out') {
    body = (
      <Alert
        tone="info"
        title={t('emailConfirmation.signIn.title')}
        actions={<Button onClick={() => void auth.signIn(link.returnTo, currentLanguage())}>{t('emailConfirmation.signIn.action')}</Button>}
      >
        {t('emailConfirmation.signIn.text')}
      </Alert>
    );
  } else {
    body = <SignedInConfirmation token={link.token} />;
  }
  return (
    <PublicLayout>
      <div className="mx-auto flex max-w-2xl flex-col gap-6">
        <PageHeader title={t('emailConfirmation.title')} description={t('emailConfirmation.lead')} />
        {body}
      </div>
    </PublicLayout>
  );
}
