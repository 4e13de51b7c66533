import { identityApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublishStatement } from '../../api/operator';
import { useCurrentStatement } from '../../api/privacy-statements';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { formatDate } from '../../format';
import { Alert, Button, ConfirmDialog, FormField, Link, PageHeader, ProblemMessage, TextArea, TextInput, useToast } from '../../ui';

interface StatementValues {
  version: string;
  text: string;
}

/**
 * /operator/privacy-statement (realm role operator): publishing a new statement version, after a
 * confirmation, validated by the contracts' PublishPrivacyStatement. Everyone accepts it before
 * working in an institute again; a published version cannot be changed or withdrawn.
 */
export function PublishStatementPage() {
  const { t } = useTranslation();
  const current = useCurrentStatement();
  const publish = usePublishStatement();
  const toast = useToast();
  const [problem, setProblem] = useState<unknown>();
  const [confirming, setConfirming] = useState<identityApi.PublishPrivacyStatement>();
  const form = useContractForm<StatementValues, typeof identityApi.PublishPrivacyStatement>(identityApi.PublishPrivacyStatement, {
    defaultValues: { version: '', text: '' },
  });
  // The form is checked first; the dialog then asks before anything is sent.
  const review = form.handleSubmit((body) => {
    setProblem(undefined);
    setConfirming(body);
  });
  const confirm = async () => {
    if (!confirming) return;
    try {
      const published = await publish.mutateAsync(confirming);
      toast(t('operator.statement.published', { version: published.version }));
      form.reset({ version: '', text: '' });
    } catch (error) {
      setProblem(applyProblem(error, form, { 'privacy-statement-version-exists': 'version' }));
    } finally {
      setConfirming(undefined);
    }
  };

  return (
    <>
      <PageHeader title={t('operator.statement.title')} description={t('operator.statement.lead')} />
      <div className="flex max-w-3xl flex-col gap-5">
        {current.isSuccess && (
          <Alert title={t('operator.statement.current', { version: current.data.version, date: formatDate(current.data.publishedAt) })}>
            <Link to="/privacy">{t('operator.statement.viewPublic')}</Link>
          </Alert>
        )}
        {current.isError && <ProblemMessage problem={current.error} onRetry={() => void current.refetch()} />}
        <form noValidate onSubmit={review} className="flex flex-col gap-5 rounded-xl border border-stone-200 bg-white p-5">
          {problem !== undefined && <ProblemMessage problem={problem} />}
          <FormField label={t('operator.statement.version')} hint={t('operator.statement.versionHint')} error={form.formState.errors.version} required>
            <TextInput {...form.register('version')} autoComplete="off" spellCheck={false} />
          </FormField>
          <FormField label={t('operator.statement.text')} hint={t('operator.statement.textHint')} error={form.formState.errors.text} required>
            <TextArea {...form.register('text')} rows={14} />
          </FormField>
          <div className="flex justify-end">
            <Button type="submit">{t('operator.statement.publish')}</Button>
          </div>
        </form>
      </div>
      <ConfirmDialog
        open={confirming !== undefined}
        onOpenChange={(open) => !open && setConfirming(undefined)}
        title={t('operator.statement.confirmTitle', { version: confirming?.version ?? '' })}
        description={t('operator.statement.confirmText')}
        confirmLabel={t('operator.statement.confirm')}
        onConfirm={() => void confirm()}
        busy={publish.isPending}
      />
    </>
  );
}
