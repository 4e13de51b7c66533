import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { useMembers } from '../../api/members';
import { useTenant } from '../../permissions/tenant-context';
import { EmptyState, Link, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { MemberEditor } from './member-editor';
import { WorkingHoursSection } from './working-hours-editor';

/** /t/$tenantId/colleagues/$userId: a colleague's role and permissions, changed or removed with users:edit; their working hours. */
export function MemberPage() {
  const { userId } = useParams({ from: '/signed-in/shell/t/$tenantId/colleagues/$userId' });
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const members = useMembers(tenantId);
  const me = useMe();
  const back = <Link to="/t/$tenantId/colleagues" params={{ tenantId }}>← {t('admin.colleagues.backToList')}</Link>;

  if (members.isPending || me.isPending) return <><PageHeader title={t('admin.colleagues.loadingMember')} back={back} /><Skeleton lines={8} /></>;
  if (members.isError) {
    return <><PageHeader title={t('admin.colleagues.title')} back={back} /><ProblemMessage problem={members.error} onRetry={() => void members.refetch()} /></>;
  }
  const member = members.data.find((one) => one.userId === userId);
  if (!member) {
    return (
      <>
        <PageHeader title={t('admin.colleagues.notFound.title')} back={back} />
        <EmptyState title={t('admin.colleagues.notFound.title')}>{t('admin.colleagues.notFound.text')}</EmptyState>
      </>
    );
  }
  return (
    <MemberEditor member={member} members={members.data} meId={me.data?.id ?? ''} back={back}>
      <WorkingHoursSection userId={member.userId} />
    </MemberEditor>
  );
}
