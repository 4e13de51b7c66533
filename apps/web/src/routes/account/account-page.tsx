import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { ButtonLink, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { MyDataPackage } from './my-data-package';
import { PendingEmail } from './pending-email';
import { ProfileForm } from './profile-form';

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {lead && <p className="mt-1 text-sm text-stone-700">{lead}</p>}
      <div className="mt-4 flex flex-col gap-4">{children}</div>
    </section>
  );
}

/** /account: the person's own data — correct it, download it, or delete the account. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <><PageHeader title={t('myAccount.title')} /><Skeleton lines={6} /></>;
  if (me.isError) return <><PageHeader title={t('myAccount.title')} /><ProblemMessage problem={me.error} onRetry={() => void me.refetch()} /></>;
  return (
    <>
      <PageHeader title={t('myAccount.title')} description={t('myAccount.lead')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="profile" title={t('myAccount.profile.title')} lead={t('myAccount.profile.lead')}>
          <PendingEmail me={me.data} />
          <ProfileForm key={`${me.data.email}/${me.data.pendingEmail?.email ?? ''}`} me={me.data} />
        </Section>
        <div className="flex flex-col gap-6">
          <Section id="package" title={t('myAccount.package.title')}>
            <MyDataPackage />
          </Section>
          <Section id="delete" title={t('myAccount.delete.title')} lead={t('myAccount.delete.lead')}>
            <div>
              <ButtonLink to="/account/delete" variant="danger">{t('myAccount.delete.open')}</ButtonLink>
            </div>
          </Section>
        </div>
      </div>
    </>
  );
}
