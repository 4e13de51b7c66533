import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAcceptInvitation, useDeclineInvitation, useInvitationLookup, type InvitationPreview } from '../../api/invitations';
import { meKeys, useMe } from '../../api/me';
import { useCurrentStatement } from '../../api/privacy-statements';
import { isProblem } from '../../api/problem';
import { useAuth, useAuthState } from '../../auth/auth-context';
import { useMailLinkToken } from '../../auth/mail-link-token';
import { currentLanguage } from '../../i18n/i18n';
import { Alert, Button, ConfirmDialog, Loading, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { PublicLayout } from '../public-layout';
import { InvitationSignupForm } from './invitation-signup-form';
import { InvitationSummary } from './invitation-summary';

interface Decide {
  token: string;
  returnTo: string;
  invitation: InvitationPreview;
}

/** Signed in: accept with this account, whose address must be the invited one. */
function AcceptWithAccount({ token, returnTo, invitation }: Decide) {
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const accept = useAcceptInvitation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mismatch = isProblem(accept.error, 'invitation-email-mismatch');
  const onAccept = () =>
    accept.mutate(token, {
      onSuccess: async ({ tenantId }) => {
        await queryClient.invalidateQueries({ queryKey: meKeys.all });
        void navigate({ to: '/t/$tenantId', params: { tenantId } });
      },
    });
  return (
    <section aria-labelledby="with-account" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="with-account" className="text-lg font-semibold">{t('invitations.account.title')}</h2>
      {me.data && <p className="text-sm text-stone-700">{t('invitations.account.signedInAs', { email: me.data.email })}</p>}
      {me.data && me.data.email !== invitation.email && !mismatch && (
        <Alert tone="warning" title={t('invitations.account.otherAddress', { email: invitation.email })} />
      )}
      {accept.isError && <ProblemMessage problem={accept.error} />}
      <div className="flex flex-wrap gap-3">
        <Button busy={accept.isPending} onClick={onAccept}>{t('invitations.account.accept')}</Button>
        <Button variant="secondary" onClick={() => void auth.reauthenticate(returnTo, currentLanguage())}>{t('invitations.account.switch')}</Button>
      </div>
    </section>
  );
}

/** Signed out: a new account through the invitation, or sign in with the account that has the address. */
function JoinSignedOut({ token, returnTo, invitation }: Decide) {
  const { t } = useTranslation();
  const auth = useAuth();
  const statement = useCurrentStatement();
  const [joined, setJoined] = useState<string>();
  const [hasAccount, setHasAccount] = useState(false);
  const signIn = (to: string) => () => void auth.signIn(to, currentLanguage());
  if (joined) {
    return (
      <Alert tone="success" title={t('invitations.signup.doneTitle', { name: invitation.instituteName })} actions={<Button onClick={signIn(`/t/${joined}`)}>{t('auth.signIn')}</Button>}>
        {t('invitations.signup.doneText', { email: invitation.email })}
      </Alert>
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <section aria-labelledby="new-account" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="new-account" className="text-lg font-semibold">{t('invitations.signup.title')}</h2>
        <p className="text-sm text-stone-700">{t('invitations.signup.lead')}</p>
        {statement.isPending && <Skeleton lines={6} />}
        {statement.isError && <ProblemMessage problem={statement.error} onRetry={() => void statement.refetch()} />}
        {statement.data && (
          <InvitationSignupForm token={token} invitation={invitation} statement={statement.data} onSignedUp={setJoined} onHasAccount={() => setHasAccount(true)} />
        )}
      </section>
      <section aria-labelledby="has-account" className="flex flex-col items-start gap-3 self-start rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="has-account" className="text-lg font-semibold">{t('invitations.signIn.title')}</h2>
        {hasAccount && <Alert tone="info" title={t('invitations.signIn.hasAccount', { email: invitation.email })} />}
        <p className="text-sm text-stone-700">{t('invitations.signIn.text', { email: invitation.email })}</p>
        <Button variant={hasAccount ? 'primary' : 'secondary'} onClick={signIn(returnTo)}>{t('invitations.signIn.action')}</Button>
      </section>
    </div>
  );
}

/** Declining needs no account: the code proves the mailbox. */
function Decline({ token, onDeclined }: { token: string; onDeclined: () => void }) {
  const { t } = useTranslation();
  const decline = useDeclineInvitation();
  const [confirming, setConfirming] = useState(false);
  return (
    <div>
      <Button variant="ghost" onClick={() => setConfirming(true)}>{t('invitations.decline.action')}</Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('invitations.decline.confirmTitle')}
        description={t('invitations.decline.confirmText')}
        confirmLabel={t('invitations.decline.confirm')}
        onConfirm={() => decline.mutate(token, { onSuccess: onDeclined })}
        action={decline}
      />
    </div>
  );
}

/**
 * /invitations/accept#token=…: the page the invitation mail links to. It looks the invitation up (the
 * code in the request body only), shows what it offers, and lets the invitee join with a new account or
 * their own, or decline; an expired, withdrawn or used invitation is said plainly.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const state = useAuthState();
  const link = useMailLinkToken();
  const lookup = useInvitationLookup(link.token);
  const [declined, setDeclined] = useState(false);
  let body;
  if (!link.token) {
    body = <Alert tone="warning" title={t('invitations.noCode.title')}>{t(link.malformed ? 'invitations.noCode.malformed' : 'invitations.noCode.text')}</Alert>;
  } else if (declined) {
    body = <Alert tone="success" title={t('invitations.decline.doneTitle')}>{t('invitations.decline.doneText')}</Alert>;
  } else if (lookup.isPending || state.status === 'restoring') {
    body = <Loading />;
  } else if (lookup.isError) {
    body = <ProblemMessage problem={lookup.error} onRetry={() => void lookup.refetch()} />;
  } else {
    const decide = { token: link.token, returnTo: link.returnTo, invitation: lookup.data };
    body = (
      <div className="flex flex-col gap-6">
        <InvitationSummary invitation={lookup.data} />
        {state.status === 'signed-in' ? <AcceptWithAccount {...decide} /> : <JoinSignedOut {...decide} />}
        <Decline token={link.token} onDeclined={() => setDeclined(true)} />
      </div>
    );
  }
  return (
    <PublicLayout>
      <div className="mx-auto flex max-w-4xl flex-col gap-6">
        <PageHeader title={t('invitations.title')} description={t('invitations.lead')} />
        {body}
      </div>
    </PublicLayout>
  );
}
