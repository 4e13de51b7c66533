import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../api/problem';
import { useCurrentStatement, useStatementVersions } from '../../api/privacy-statements';
import { formatDate } from '../../format';
import { EmptyState, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { PublicLayout } from '../public-layout';
import { StatementMeta, StatementText } from './statement-text';

/** /privacy (public): the statement in force with its version and date, and every earlier version. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const current = useCurrentStatement();
  const versions = useStatementVersions();
  const earlier = (versions.data ?? []).filter((s) => s.version !== current.data?.version);
  return (
    <PublicLayout>
      <article className="mx-auto flex max-w-3xl flex-col gap-6">
        <PageHeader title={t('privacy.title')} description={current.data && <StatementMeta statement={current.data} />} />
        {current.isPending && <Skeleton lines={8} />}
        {current.isError &&
          (isApiProblem(current.error) && current.error.status === 404 ? (
            <EmptyState title={t('privacy.none')} />
          ) : (
            <ProblemMessage problem={current.error} onRetry={() => void current.refetch()} />
          ))}
        {current.data && (
          <section className="rounded-xl border border-stone-200 bg-white p-5 sm:p-8">
            <StatementText text={current.data.text} />
          </section>
        )}
        <section aria-labelledby="earlier" className="flex flex-col gap-3">
          <h2 id="earlier" className="text-lg font-semibold">{t('privacy.earlier')}</h2>
          {versions.isError && <ProblemMessage problem={versions.error} onRetry={() => void versions.refetch()} />}
          {versions.isSuccess && earlier.length === 0 && <p className="text-sm text-stone-700">{t('privacy.noEarlier')}</p>}
          {earlier.map((statement) => (
            <details key={statement.version} className="rounded-xl border border-stone-200 bg-white">
              <summary className="flex min-h-11 cursor-pointer items-center px-4 py-3 text-sm font-medium">
                {t('privacy.versionOf', { version: statement.version, date: formatDate(statement.publishedAt) })}
              </summary>
              <div className="border-t border-stone-200 p-4">
                <StatementText text={statement.text} />
              </div>
            </details>
          ))}
        </section>
      </article>
    </PublicLayout>
  );
}
