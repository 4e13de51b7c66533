import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideSupportAccess, type SupportAccessRequest } from '../../api/support-access';
import { formatDateTime, formatTime } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { useTenantRole } from '../../permissions/use-can';
import { Badge, Button, ConfirmDialog, Countdown, EmptyState, ProblemMessage, useToast } from '../../ui';
import { ApproveDialog } from './approve-dialog';
import { RequestFacts, useModuleList } from './request-facts';

type Confirming = { verb: 'deny' | 'revoke'; request: SupportAccessRequest };

/** Requests waiting for an owner's decision; owners approve (possibly narrower) or deny. */
export function PendingRequests({ requests }: { requests: SupportAccessRequest[] }) {
  const { t } = useTranslation();
  const isOwner = useTenantRole('owner');
  const [approving, setApproving] = useState<SupportAccessRequest>();
  const [confirming, setConfirming] = useState<Confirming>();
  if (requests.length === 0) return <EmptyState title={t('admin.supportAccess.noPending')} />;
  return (
    <>
      <ul className="flex flex-col gap-3">
        {requests.map((request) => (
          <li key={request.id} className="flex flex-col gap-4 rounded-xl border border-amber-300 bg-white p-4">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <h3 className="font-semibold text-stone-900">{t('admin.supportAccess.request', { ticket: request.ticketId })}</h3>
              <Badge tone="warning">{t(`admin.supportAccess.statuses.${request.status}`)}</Badge>
            </div>
            <RequestFacts request={request} />
            {request.status === 'awaiting_co_approval' && <p className="text-sm text-stone-700">{t('admin.supportAccess.awaitingCoApproval')}</p>}
            <p className="text-xs text-stone-600">{t('admin.supportAccess.answerBy', { date: formatDateTime(request.answerBy) })}</p>
            {isOwner && (
              <div className="flex flex-col gap-2 sm:flex-row">
                <Button onClick={() => setApproving(request)}>
                  {t('admin.supportAccess.approve')}{' '}<span className="sr-only">{request.ticketId}</span>
                </Button>
                <Button variant="secondary" onClick={() => setConfirming({ verb: 'deny', request })}>
                  {t('admin.supportAccess.deny')}{' '}<span className="sr-only">{request.ticketId}</span>
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {approving && <ApproveDialog request={approving} onClose={() => setApproving(undefined)} />}
      <DecisionConfirm confirming={confirming} onClose={() => setConfirming(undefined)} />
    </>
  );
}

/** Access running now, with the time left ticking; owners can end it at once. */
export function ActiveGrants({ requests, onElapsed }: { requests: SupportAccessRequest[]; onElapsed: () => void }) {
  const { t } = useTranslation();
  const isOwner = useTenantRole('owner');
  const moduleList = useModuleList();
  const [confirming, setConfirming] = useState<Confirming>();
  if (requests.length === 0) return <EmptyState title={t('admin.supportAccess.noActive')} />;
  return (
    <>
      <ul className="flex flex-col gap-3">
        {requests.map((request) => {
          const grant = request.grant!;
          return (
            <li key={request.id} className="flex flex-col gap-4 rounded-xl border border-brand-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="flex min-w-0 flex-col gap-1">
                <h3 className="font-semibold text-stone-900">{t('admin.supportAccess.request', { ticket: request.ticketId })}</h3>
                <p className="text-sm text-stone-800">
                  {t('admin.supportAccess.grantScope')}: {moduleList(grant.modules)} · {t(`admin.supportAccess.modes.${grant.mode}`)}
                </p>
                <p className="text-xs text-stone-600">
                  {t('admin.supportAccess.startedAt', { time: formatTime(grant.startsAt) })} · {t('admin.supportAccess.endsAt', { time: formatTime(grant.expiresAt) })}
                </p>
              </div>
              <div className="flex flex-col gap-2 sm:items-end">
                <p className="flex items-baseline gap-2">
                  <span className="text-sm text-stone-700">{t('admin.supportAccess.timeLeft')}</span>
                  <Countdown until={grant.expiresAt} onElapsed={onElapsed} className="font-mono text-2xl font-semibold tabular-nums text-brand-800" />
                </p>
                {isOwner && (
                  <Button variant="danger" size="sm" onClick={() => setConfirming({ verb: 'revoke', request })}>
                    {t('admin.supportAccess.revoke')}{' '}<span className="sr-only">{request.ticketId}</span>
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <DecisionConfirm confirming={confirming} onClose={() => setConfirming(undefined)} />
    </>
  );
}

function DecisionConfirm({ confirming, onClose }: { confirming?: Confirming; onClose: () => void }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const decide = useDecideSupportAccess(tenantId);
  const toast = useToast();
  const verb = confirming?.verb ?? 'deny';
  const ticket = confirming?.request.ticketId ?? '';
  const confirm = () =>
    confirming &&
    decide.mutate(
      { verb, id: confirming.request.id },
      {
        onSuccess: () => {
          toast(verb === 'deny' ? t('admin.supportAccess.denied') : t('admin.supportAccess.revokedToast'));
          onClose();
        },
      },
    );
  return (
    <ConfirmDialog
      open={confirming !== undefined}
      onOpenChange={(open) => {
        if (!open) {
          decide.reset();
          onClose();
        }
      }}
      title={verb === 'deny' ? t('admin.supportAccess.denyTitle', { ticket }) : t('admin.supportAccess.revokeTitle', { ticket })}
      description={verb === 'deny' ? t('admin.supportAccess.denyText') : t('admin.supportAccess.revokeText')}
      confirmLabel={verb === 'deny' ? t('admin.supportAccess.denyConfirm') : t('admin.supportAccess.revokeConfirm')}
      onConfirm={confirm}
      busy={decide.isPending}
    >
      {decide.isError && <ProblemMessage problem={decide.error} />}
    </ConfirmDialog>
  );
}
