import { tenantDataApi } from '@homi/contracts';
import { useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsubscribe, useUnsubscribeLookup } from '../../api/reminder-unsubscribe';
import { Alert, Button, Loading, PageHeader, ProblemMessage } from '../../ui';
import { PublicLayout } from '../public-layout';

/** The code in the link's fragment (`#token=…`), which browsers send nowhere; undefined when absent or cut off. */
export function unsubscribeCodeOf(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
  return token && tenantDataApi.ReminderUnsubscribeToken.safeParse({ token }).success ? token : undefined;
}

/** Takes the code out of the address bar into memory, as the invitation page does. */
function useUnsubscribeCode(): { token?: string; malformed: boolean } {
  const router = useRouter();
  const hash = useRouterState({ select: (state) => state.location.hash });
  const read = () => ({ token: unsubscribeCodeOf(window.location.hash), malformed: window.location.hash.length > 1 && !unsubscribeCodeOf(window.location.hash) });
  const [found, setFound] = useState(read);
  useEffect(() => {
    if (!window.location.hash) return;
    setFound(read());
    router.history.replace(window.location.pathname);
  }, [router, hash]);
  return found;
}

/**
 * /afmelden#token=…: the page an appointment mail's unsubscribe link opens. Opening it changes nothing
 * (mail scanners follow links); the client confirms with the button, which withdraws the consent.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const link = useUnsubscribeCode();
  const lookup = useUnsubscribeLookup(link.token);
  const unsubscribe = useUnsubscribe();
  let body;
  if (!link.token) {
    body = <Alert tone="warning" title={t('unsubscribe.noCode.title')}>{t(link.malformed ? 'unsubscribe.noCode.malformed' : 'unsubscribe.noCode.text')}</Alert>;
  } else if (lookup.isPending) {
    body = <Loading />;
  } else if (lookup.isError) {
    body = <ProblemMessage problem={lookup.error} />;
  } else if (unsubscribe.isSuccess || !lookup.data.subscribed) {
    body = (
      <Alert tone="success" title={t('unsubscribe.done.title')}>
        {t('unsubscribe.done.text', { institute: lookup.data.instituteName })}
      </Alert>
    );
  } else {
    const token = link.token;
    body = (
      <section aria-labelledby="unsubscribe-question" className="flex flex-col items-start gap-4 rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="unsubscribe-question" className="text-lg font-semibold">{t('unsubscribe.question', { institute: lookup.data.instituteName })}</h2>
        <p className="text-sm text-stone-700">{t('unsubscribe.explain', { institute: lookup.data.instituteName })}</p>
        {unsubscribe.isError && <ProblemMessage problem={unsubscribe.error} />}
        <Button busy={unsubscribe.isPending} onClick={() => unsubscribe.mutate(token)}>{t('unsubscribe.confirm')}</Button>
      </section>
    );
  }
  return (
    <PublicLayout>
      <div className="mx-auto flex max-w-2xl flex-col gap-6">
        <PageHeader title={t('unsubscribe.title')} />
        {body}
      </div>
    </PublicLayout>
  );
}
