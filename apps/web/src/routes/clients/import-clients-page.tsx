import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportClients, type ClientImportReport } from '../../api/client-imports';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Button, ButtonLink, DataTable, Detail, DetailList, FormField, Link, PageHeader, ProblemMessage, TextInput } from '../../ui';
import { NoEditRights } from './no-edit-rights';

/** Bad rows listed on the page; the count says how many more there are. */
const SHOWN_PROBLEMS = 200;

/** /t/$tenantId/clients/import: pick a client file, see the dry run's report, then import it. */
export function ImportClientsPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('clients', 'edit');
  const send = useImportClients(tenantId);
  const [file, setFile] = useState<File | undefined>();
  const [report, setReport] = useState<ClientImportReport | undefined>();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setReport(await send.mutateAsync({ file, dryRun }));
  };
  const checking = send.isPending && send.variables?.dryRun;
  const importing = send.isPending && !send.variables?.dryRun;
  const canImport = report?.dryRun === true && report.counts.imported > 0;

  return (
    <>
      <PageHeader title={t('clientImport.title')} back={<Link to="/t/$tenantId/clients" params={{ tenantId }}>← {t('clientImport.back')}</Link>} />
      {!canEdit ? (
        <NoEditRights />
      ) : (
        <div className="flex max-w-3xl flex-col gap-6">
          <p className="text-stone-700">{t('clientImport.lead')}</p>
          <form
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              void run(true).catch(() => undefined);
            }}
          >
            <FormField label={t('clientImport.fileLabel')} hint={t('clientImport.fileHint')}>
              <TextInput
                type="file"
                accept=".csv,text/csv"
                onChange={(event) => {
                  setFile(event.target.files?.[0]);
                  setReport(undefined);
                  send.reset();
                }}
              />
            </FormField>
            <div className="flex flex-wrap gap-3">
              <Button type="submit" variant={canImport ? 'secondary' : undefined} disabled={!file || importing} busy={checking}>
                {checking ? t('clientImport.checking') : t('clientImport.check')}
              </Button>
              {canImport && (
                <Button onClick={() => void run(false).catch(() => undefined)} busy={importing} disabled={checking}>
                  {importing ? t('clientImport.importing') : t('clientImport.import', { count: report.counts.imported })}
                </Button>
              )}
            </div>
          </form>
          {send.isError && <ProblemMessage problem={send.error} />}
          {report && <ImportReport report={report} />}
          {report && !report.dryRun && (
            <div>
              <ButtonLink variant="secondary" to="/t/$tenantId/clients" params={{ tenantId }}>{t('clientImport.back')}</ButtonLink>
            </div>
          )}
        </div>
      )}
    </>
  );
}

/** The counts, then every bad row with its reasons (the first 200 listed). */
function ImportReport({ report }: { report: ClientImportReport }) {
  const { t } = useTranslation();
  const { counts, problems } = report;
  const title = report.dryRun ? t('clientImport.dryRunTitle') : t('clientImport.doneTitle');
  return (
    <section aria-label={title} className="flex flex-col gap-4">
      <Alert tone={report.dryRun ? 'info' : 'success'} title={title}>
        {!report.dryRun && t('clientImport.doneText')}
        {report.dryRun && counts.imported === 0 && t('clientImport.nothingToImport')}
      </Alert>
      <DetailList>
        <Detail label={t('clientImport.counts.rows')}>{counts.rows}</Detail>
        <Detail label={report.dryRun ? t('clientImport.counts.new') : t('clientImport.counts.imported')}>{counts.imported}</Detail>
        <Detail label={t('clientImport.counts.alreadyPresent')}>{counts.alreadyPresent}</Detail>
        <Detail label={t('clientImport.counts.invalid')}>{counts.invalid}</Detail>
      </DetailList>
      {report.ignoredColumns.length > 0 && (
        <p className="text-sm text-stone-700">{t('clientImport.ignoredColumns', { columns: report.ignoredColumns.join(', ') })}</p>
      )}
      {problems.length > 0 && (
        <DataTable
          caption={t('clientImport.problemsCaption')}
          rows={problems.slice(0, SHOWN_PROBLEMS)}
          rowKey={(p) => p.row}
          columns={[
            { header: t('clientImport.row'), cell: (p) => p.row },
            { header: t('clientImport.reason'), cell: (p) => p.reasons.map((r) => t(`clientImport.reasons.${r}`)).join(', ') },
          ]}
        />
      )}
      {problems.length > SHOWN_PROBLEMS && <p className="text-sm text-stone-700">{t('clientImport.moreProblems', { count: problems.length - SHOWN_PROBLEMS })}</p>}
    </section>
  );
}
