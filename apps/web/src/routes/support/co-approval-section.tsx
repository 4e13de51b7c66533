import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportAccessRequest } from '../../api/support-access';
import { useAwaitingCoApproval, useCoApprove } from '../../api/support-requests';
import { formatDateTime, formatDuration } from '../../format';
import { Badge, Button, ConfirmDialog, PagedListStates, useToast } from '../../ui';
import { Fact, useModuleList } from '../support-access/request-facts';
import { useOwnId } from '../support-desk/use-own-id';

/**
 * Write requests of colleagues that wait for a second support user (ADR 14): the four-eyes step
 * before an owner of the institute may grant write access. The caller's own requests are not
 * among them (the API refuses co-approving one's own), nor those past the time to answer.
 */
export function CoApprovalSection() {
  const { t } = useTranslation();
  const ownId = useOwnId();
  const awaiting = useAwaitingCoApproval();
  const [confirming, setConfirming] = useState<SupportAccessRequest>();
  const now = Date.now();
  const requests = (awaiting.data?.items ?? []).filter((r) => r.supportUserId !== ownId && Date.parse(r.answerBy) > now);
  return (
    <section aria-labelledby="co-approval" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="co-approval" className="text-lg font-semibold text-stone-900">{t('support.coApproval.title')}</h2>
        <p className="text-sm text-stone-700">{t('support.coApproval.lead')}</p>
      </div>
      <PagedListStates query={awaiting} count={requests.length} skeletonLines={2} empty={<p className="text-sm text-stone-700">{t('support.coApproval.none')}</p>}>
        <ul className="flex flex-col gap-3">
          {requests.map((request) => (
            <CoApprovalCard key={request.id} request={request} onConfirm={() => setConfirming(request)} />
          ))}
        </ul>
      </PagedListStates>
      <CoApprovalConfirm request={confirming} onClose={() => setConfirming(undefined)} />
    </section>
  );
}

function CoApprovalCard({ request, onConfirm }: { request: SupportAccessRequest; onConfirm: () => void }) {
  const { t } = useTranslation();
  const moduleList = useModuleList();
  const headingId = `co-approval-${request.id}`;
  return (
    <li aria-labelledby={headingId} className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold text-stone-900">{t('support.coApproval.request', { ticket: request.ticketId })}</h3>
        <Badge tone="warning">{t('support.coApproval.badge')}</Badge>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
        <Fact label={t('support.coApproval.subject')}>{request.ticketSubject ?? t('support.coApproval.subjectUnknown')}</Fact>
        <Fact label={t('support.console.institute')}><span className="break-all font-mono">{request.tenantId}</span></Fact>
        <Fact label={t('support.coApproval.askedBy')}><span className="break-all font-mono">{request.supportUserId}</span></Fact>
        <Fact label={t('support.console.reason')}>{t(`support.ask.reasons.${request.reason}`)}</Fact>
        <Fact label={t('support.console.modules')}>{moduleList(request.modules)}</Fact>
        <Fact label={t('support.console.duration')}>{formatDuration(request.durationMinutes)}</Fact>
        <Fact label={t('support.console.askedAt')}>{formatDateTime(request.createdAt)}</Fact>
      </dl>
      <p className="text-sm text-stone-700">{t('support.console.answerBy', { date: formatDateTime(request.answerBy) })}</p>
      <div>
        <Button onClick={onConfirm}>
          {t('support.coApproval.confirm')}{' '}<span className="sr-only">{request.ticketId}</span>
        </Button>
      </div>
    </li>
  );
}

function CoApprovalConfirm({ request, onClose }: { request?: SupportAccessRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const coApprove = useCoApprove();
  const toast = useToast();
  const ticket = request?.ticketId ?? '';
  const confirm = () =>
    request &&
    coApprove.mutate(request.id, {
      onSuccess: () => {
        toast(t('support.coApproval.done', { ticket }));
        onClose();
      },
    });
  return (
    <ConfirmDialog
      open={request !== undefined}
      onOpenChange={(open) => {
        if (!open) {
          coApprove.reset();
          onClose();
        }
      }}
      title={t('support.coApproval.confirmTitle', { ticket })}
      description={t('support.coApproval.confirmText')}
      confirmLabel={t('support.coApproval.confirmYes')}
      onConfirm={confirm}
      action={coApprove}
    />
  );
}
