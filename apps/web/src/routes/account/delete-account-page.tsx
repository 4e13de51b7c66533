import { useRouter } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteAccount, useSoleOwnership, type AccountDeletion } from '../../api/account';
import { useMe, type Me } from '../../api/me';
import { isProblem } from '../../api/problem';
import { useAuth, useAuthState } from '../../auth/auth-context';
import { currentLanguage } from '../../i18n/i18n';
import { Alert, Button, ConfirmDialog, Link, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { AccountDeleted } from './account-deleted';

/** The API's limit on how long ago the password must have been entered (DELETE /me). */
const RECENT_SIGN_IN_S = 5 * 60;
const HERE = '/account/delete';
/** Marks the return from the fresh sign-in (a fragment: it names nothing and never leaves the browser). */
const SIGNED_IN_AGAIN = '#signed-in-again';

/** What deleting this account erases, institute by institute. */
function WhatIsErased({ me }: { me: Me }) {
  const { t } = useTranslation();
  const owned = me.memberships.filter((m) => m.role === 'owner').map((m) => m.tenantId);
  const ownership = useSoleOwnership(owned);
  if (ownership.pending) return <Skeleton lines={3} />;
  if (ownership.error) return <ProblemMessage problem={ownership.error} />;
  return (
    <ul className="ml-5 list-disc space-y-2 text-sm text-stone-800">
      <li>{t('myAccount.delete.erasesAccount', { email: me.email })}</li>
      {me.memberships.map((m) => (
        <li key={m.tenantId}>
          {ownership.sole.has(m.tenantId)
            ? t('myAccount.delete.erasesInstitute', { name: m.instituteName })
            : t('myAccount.delete.leavesInstitute', { name: m.instituteName })}
        </li>
      ))}
      <li>{t('myAccount.delete.kept')}</li>
    </ul>
  );
}

/**
 * /account/delete: what deleting erases (the account, and an institute of which the person is the only
 * owner with everything in it), a confirmation, and — the API allows it only within five minutes of
 * entering the password — a fresh sign-in at the issuer that comes back here to finish.
 */
export function DeleteAccountPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const state = useAuthState();
  const me = useMe();
  const remove = useDeleteAccount();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<AccountDeletion>();
  const [returned] = useState(() => window.location.hash === SIGNED_IN_AGAIN);
  const router = useRouter();
  useEffect(() => {
    if (window.location.hash) router.history.replace(HERE);
  }, [router]);
  const back = <Link to="/account">← {t('myAccount.backToAccount')}</Link>;

  if (deleted) return <AccountDeleted deletion={deleted} />;
  if (me.isPending) return <><PageHeader title={t('myAccount.delete.title')} back={back} /><Skeleton lines={6} /></>;
  if (me.isError) return <><PageHeader title={t('myAccount.delete.title')} back={back} /><ProblemMessage problem={me.error} /></>;

  const authTime = state.status === 'signed-in' ? state.authTime : undefined;
  const freshlySignedIn = returned && authTime !== undefined && Date.now() / 1000 - authTime < RECENT_SIGN_IN_S;
  const needsSignIn = isProblem(remove.error, 'reauthentication-required');
  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: (result) => {
        setConfirming(false);
        setDeleted(result);
      },
      onError: (error) => {
        if (isProblem(error, 'reauthentication-required')) setConfirming(false);
      },
    });

  return (
    <>
      <PageHeader title={t('myAccount.delete.title')} description={t('myAccount.delete.pageLead')} back={back} />
      <div className="flex max-w-2xl flex-col gap-6">
        <section aria-labelledby="erased" className="rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="erased" className="mb-3 text-lg font-semibold">{t('myAccount.delete.whatTitle')}</h2>
          <WhatIsErased me={me.data} />
          <p className="mt-4 text-sm text-stone-700">{t('myAccount.delete.howLong')}</p>
        </section>
        {needsSignIn ? (
          <Alert
            tone="warning"
            title={t('myAccount.delete.signInTitle')}
            actions={<Button onClick={() => void auth.reauthenticate(`${HERE}${SIGNED_IN_AGAIN}`, currentLanguage())}>{t('myAccount.delete.signInAction')}</Button>}
          >
            {t('myAccount.delete.signInText')}
          </Alert>
        ) : (
          freshlySignedIn && (
            <Alert tone="success" title={t('myAccount.delete.signedInTitle', { email: me.data.email })}>{t('myAccount.delete.signedInText')}</Alert>
          )
        )}
        {remove.isError && !needsSignIn && !confirming && <ProblemMessage problem={remove.error} />}
        <div>
          <Button variant="danger" onClick={() => { remove.reset(); setConfirming(true); }}>{t('myAccount.delete.action')}</Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('myAccount.delete.confirmTitle')}
        description={t('myAccount.delete.confirmText', { email: me.data.email })}
        confirmLabel={t('myAccount.delete.confirm')}
        onConfirm={confirm}
        busy={remove.isPending}
      >
        {remove.isError && !needsSignIn && <ProblemMessage problem={remove.error} />}
      </ConfirmDialog>
    </>
  );
}
