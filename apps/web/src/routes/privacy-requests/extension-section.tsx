import { privacyApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { isAnswered, useExtendPrivacyRequest, type PrivacyRequest } from '../../api/privacy-requests';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { Button, Dialog, FormField, ProblemMessage, Select, TextArea, useToast } from '../../ui';
import { mayExtend } from './client-rights';
import { daysLeft } from './deadline';

interface ExtensionValues {
  reason: string;
  months: number;
}

function ExtensionDialog({ request, open, onOpenChange }: { request: PrivacyRequest; open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const extend = useExtendPrivacyRequest(request.id);
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<ExtensionValues, typeof privacyApi.ExtendPrivacyRequest>(privacyApi.ExtendPrivacyRequest, {
    defaultValues: { reason: '', months: 1 },
  });
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    await extend.mutateAsync(body).then(
      () => {
        onOpenChange(false);
        toast(t('privacyRequests.extension.done'));
      },
      (error: unknown) => setProblem(applyProblem(error, form)),
    );
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('privacyRequests.extension.dialogTitle')} description={t('privacyRequests.extension.dialogText')}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        {problem !== undefined && <ProblemMessage problem={problem} />}
        <FormField label={t('privacyRequests.extension.months')} error={form.formState.errors.months} required>
          <Select {...form.register('months', { setValueAs: Number })}>
            <option value={1}>{t('privacyRequests.extension.monthOption', { count: 1 })}</option>
            <option value={2}>{t('privacyRequests.extension.monthOption', { count: 2 })}</option>
          </Select>
        </FormField>
        <FormField label={t('privacyRequests.extension.reason')} hint={t('privacyRequests.extension.reasonHint')} error={form.formState.errors.reason} required>
          <TextArea {...form.register('reason')} />
        </FormField>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={extend.isPending}>{t('common.cancel')}</Button>
          <Button type="submit" busy={extend.isPending}>{t('privacyRequests.extension.submit')}</Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Extending the deadline (GDPR art. 12(3)): once, by one or two months, with a reason the requester is
 * told, before the deadline passes — and only by the controller. For a client that is the institute;
 * for a person's own data it is HOMi, so the person cannot extend the deadline that protects them.
 */
export function ExtensionSection({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (isAnswered(request)) return null;
  let body;
  if (request.subject.kind !== 'client') body = <p className="text-sm text-stone-700">{t('privacyRequests.extension.notForOwnData')}</p>;
  else if (request.extension) body = <p className="text-sm text-stone-700">{t('privacyRequests.extension.once')}</p>;
  else if (request.overdue || daysLeft(request.dueAt) < 0) body = <p className="text-sm text-stone-700">{t('privacyRequests.extension.passed')}</p>;
  else if (!mayExtend(request, me.data?.memberships ?? [])) body = <p className="text-sm text-stone-700">{t('privacyRequests.extension.noRights')}</p>;
  else {
    body = (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-stone-700">{t('privacyRequests.extension.lead')}</p>
        <Button variant="secondary" onClick={() => setOpen(true)}>{t('privacyRequests.extension.open')}</Button>
        <ExtensionDialog request={request} open={open} onOpenChange={setOpen} />
      </div>
    );
  }
  return (
    <section aria-labelledby="extension" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="extension" className="mb-2 text-lg font-semibold">{t('privacyRequests.extension.title')}</h2>
      {body}
    </section>
  );
}
