import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { useMembers, type Member } from '../../api/members';
import { formatDate } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Badge, ButtonLink, EmptyState, Link, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { InvitationsSection } from './invitations-section';
import { PermissionSummary } from './permission-summary';

function MemberCard({ member, isMe }: { member: Member; isMe: boolean }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  return (
    <li className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold text-stone-900">
            <Link to="/t/$tenantId/colleagues/$userId" params={{ tenantId, userId: member.userId }}>{member.name}</Link>
            {isMe && <span className="ml-2 text-sm font-normal text-stone-600">({t('admin.colleagues.you')})</span>}
          </h3>
          <p className="break-all text-sm text-stone-700">{member.email}</p>
        </div>
        <Badge tone={member.role === 'staff' ? 'neutral' : 'brand'}>{t(`admin.roles.${member.role}`)}</Badge>
      </div>
      <PermissionSummary permissions={member.permissions} />
      <p className="text-xs text-stone-600">{t('admin.colleagues.since', { date: formatDate(member.createdAt) })}</p>
    </li>
  );
}

/** /t/$tenantId/colleagues: the members with role and module levels, and the open invitations (users:view). */
export function ColleaguesPage() {
  const { t } = useTranslation();
  const { tenantId, instituteName } = useTenant();
  const canEdit = useCan('users', 'edit');
  const me = useMe();
  const members = useMembers(tenantId);
  return (
    <>
      <PageHeader
        title={t('admin.colleagues.title')}
        description={t('admin.colleagues.lead', { institute: instituteName })}
        actions={canEdit && <ButtonLink to="/t/$tenantId/colleagues/invite" params={{ tenantId }}>{t('admin.colleagues.invite')}</ButtonLink>}
      />
      {!canEdit && <Alert className="mb-6" title={t('admin.colleagues.viewOnly')} />}
      <section aria-labelledby="members" className="mb-8">
        <h2 id="members" className="mb-3 text-lg font-semibold">{t('admin.colleagues.membersTitle')}</h2>
        {members.isPending && <Skeleton lines={6} />}
        {members.isError && <ProblemMessage problem={members.error} onRetry={() => void members.refetch()} />}
        {members.isSuccess && members.data.length === 0 && <EmptyState title={t('admin.colleagues.membersTitle')} />}
        {members.isSuccess && (
          <ul className="flex flex-col gap-3">
            {members.data.map((member) => <MemberCard key={member.userId} member={member} isMe={member.userId === me.data?.id} />)}
          </ul>
        )}
      </section>
      <InvitationsSection />
    </>
  );
}
