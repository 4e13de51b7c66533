import { Navigate, Outlet, useParams, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { isApiProblem, isProblem } from '../../api/problem';
import { useAuth } from '../../auth/auth-context';
import { useRealmRole } from '../../permissions/use-can';
import { Button } from '../../ui';
import { rememberReturnTo } from '../../auth/return-to';
import { Loading, ProblemMessage } from '../../ui';
import { AccountMenu } from './account-menu';
import { Brand } from './brand';
import { InstituteSwitcher } from './institute-switcher';
import { LanguageSwitch } from './language-switch';
import { MainNav } from './main-nav';
import { useGrantMembership } from '../support/use-grant';

/**
 * The signed-in frame: header (institute, language, account), the navigation built from /me, and the
 * page. A person who has not accepted the current privacy statement goes to the re-acceptance page first.
 */
export function AppShell() {
  const { t } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const { tenantId } = useParams({ strict: false });
  // HOMi support inside an institute: the navigation shows what the running grant covers.
  const grant = useGrantMembership(tenantId);
  const here = useRouterState({ select: (state) => state.location.href });
  // HOMi's own staff have no HOMi account of their own (identity knows no such user): /me answers 404.
  const staff = [useRealmRole('support'), useRealmRole('operator')].some(Boolean);
  const staffWithoutAccount = staff && me.isError && isApiProblem(me.error) && me.error.status === 404;
  // Whoever just deleted their account keeps this session to follow the erasure (the privacy routes
  // admit them while the token lasts); /me no longer answers for them.
  const accountDeleted = me.isError && isProblem(me.error, 'account-disabled');
  const withoutAccount = staffWithoutAccount || accountDeleted;
  const account = withoutAccount ? undefined : me.data;
  if (me.isPending) return <Loading className="px-4" label={t('shell.loadingAccount')} />;
  if (me.isError && !withoutAccount) {
    return (
      <main id="main" className="mx-auto max-w-xl px-4 py-12">
        <h1 className="sr-only">{t('shell.accountUnavailable')}</h1>
        <ProblemMessage problem={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  const { currentPrivacyStatementVersion: current, acceptedPrivacyStatementVersion: accepted } = account ?? {};
  if (account && current && current !== accepted) {
    rememberReturnTo(here);
    return <Navigate to="/statement" />;
  }
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-20 border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2">
          <div className="flex min-w-0 items-center gap-3">
            <Brand to="/start" />
            <InstituteSwitcher memberships={account?.memberships ?? []} />
          </div>
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitch />
            {account ? (
              <AccountMenu me={account} />
            ) : (
              <Button size="sm" variant="ghost" onClick={() => void auth.signOut()}>{t('auth.signOut')}</Button>
            )}
          </div>
        </div>
        <MainNav memberships={grant ? [...(account?.memberships ?? []), grant] : (account?.memberships ?? [])} tenantId={tenantId} underGrant={Boolean(grant)} />
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
