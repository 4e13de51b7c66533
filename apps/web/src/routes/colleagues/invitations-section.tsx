import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInvitations, useRevokeInvitation, type Invitation } from '../../api/members';
import { formatDateTime } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Badge, Button, ConfirmDialog, EmptyState, ProblemMessage, Skeleton, useToast } from '../../ui';
import { PermissionSummary } from './permission-summary';

/** The open invitations with their expiry; withdrawing one needs users:edit and a confirmation. */
export function InvitationsSection() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('users', 'edit');
  const invitations = useInvitations(tenantId);
  const revoke = useRevokeInvitation(tenantId);
  const toast = useToast();
  const [revoking, setRevoking] = useState<Invitation>();

  const confirm = () =>
    revoking &&
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        setRevoking(undefined);
        toast(t('admin.colleagues.revoked'));
      },
    });

  return (
    <section aria-labelledby="invitations">
      <h2 id="invitations" className="mb-3 text-lg font-semibold">{t('admin.colleagues.invitationsTitle')}</h2>
      {invitations.isPending && <Skeleton lines={3} />}
      {invitations.isError && <ProblemMessage problem={invitations.error} onRetry={() => void invitations.refetch()} />}
      {invitations.isSuccess && invitations.data.length === 0 && <EmptyState title={t('admin.colleagues.noInvitations')} />}
      {invitations.isSuccess && invitations.data.length > 0 && (
        <ul className="flex flex-col gap-3">
          {invitations.data.map((invitation) => (
            <li key={invitation.id} className="flex flex-col gap-3 rounded-xl border border-dashed border-stone-300 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="break-all font-semibold text-stone-900">{invitation.email}</h3>
                  <p className="text-sm text-stone-700">
                    {t('admin.colleagues.expires', { date: formatDateTime(invitation.expiresAt) })}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <Badge>{t('admin.colleagues.invitedAs', { role: t(`admin.roles.${invitation.role}`) })}</Badge>
                  {canEdit && (
                    <Button size="sm" variant="secondary" onClick={() => { revoke.reset(); setRevoking(invitation); }}>
                      {t('admin.colleagues.revoke')}
                      {' '}<span className="sr-only">{invitation.email}</span>
                    </Button>
                  )}
                </div>
              </div>
              <PermissionSummary permissions={invitation.permissions} />
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title={t('admin.colleagues.revokeTitle', { email: revoking?.email ?? '' })}
        description={t('admin.colleagues.revokeText')}
        confirmLabel={t('admin.colleagues.revokeConfirm')}
        onConfirm={confirm}
        action={revoke}
      />
    </section>
  );
}
