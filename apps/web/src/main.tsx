import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { configureApiClient } from './api/client';
import { meKeys } from './api/me';
import { statementKeys } from './api/privacy-statements';
import { createQueryClient } from './api/query-client';
import { supportRequestKeys } from './api/support-request-keys';
import { Auth } from './auth/auth';
import { rememberReturnTo } from './auth/return-to';
import { loadRuntimeConfig } from './config';
import { i18n, restoreLanguage } from './i18n/i18n';
import { resetClientListStates } from './routes/clients/list-state';
import { createAppRouter } from './routes/router';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function start() {
  const [config] = await Promise.all([loadRuntimeConfig(), restoreLanguage()]);
  const auth = new Auth(config);
  configureApiClient({ accessToken: auth.accessToken, renew: () => auth.renew() });
  const queryClient = createQueryClient((problem) => {
    // The gateway holds tenant routes back until the current privacy statement is accepted: show the
    // new version (fetched afresh), and come back here once it is accepted.
    // HOMi support refused for want of a grant (revoked, run out): fetch the grants again, so the page says why.
    if (problem.code === 'support-access-grant-required') void queryClient.invalidateQueries({ queryKey: supportRequestKeys.mine });
    if (problem.code === 'privacy-statement-acceptance-required' && router.state.location.pathname !== '/statement') {
      rememberReturnTo(router.state.location.href);
      void queryClient.invalidateQueries({ queryKey: meKeys.all });
      void queryClient.invalidateQueries({ queryKey: statementKeys.all });
      void router.navigate({ to: '/statement' });
    }
  });
  const router = createAppRouter({ auth, queryClient });
  // What one person saw must not show to the next on this browser.
  auth.subscribe(() => {
    if (auth.getState().status === 'signed-out') {
      queryClient.clear();
      resetClientListStates();
    }
  });
  root.render(
    <StrictMode>
      <App auth={auth} queryClient={queryClient} router={router} />
    </StrictMode>,
  );
}

start().catch(() => {
  // Without its settings the app cannot sign anyone in: say so plainly, in the chosen language.
  root.render(
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-semibold">{i18n.t('boot.title')}</h1>
      <p className="mt-2 text-stone-700">{i18n.t('boot.text')}</p>
    </main>,
  );
});
