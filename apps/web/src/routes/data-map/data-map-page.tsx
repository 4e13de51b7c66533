import { useTranslation } from 'react-i18next';
import { useDataMap, type DataMapCategory, type DataMapOwner } from '../../api/data-map';
import { formatDate } from '../../format';
import { Detail, DetailList, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { useRetentionText } from './retention';

/**
 * /data-map: the record of processing (GDPR art. 30) as privacy makes it from every service's
 * declaration: per service what it keeps, about whom, what for, on which legal basis, for how long,
 * and when it last removed data past that term. Every signed-in person may read it.
 */
export function DataMapPage() {
  const { t } = useTranslation();
  const map = useDataMap();
  return (
    <>
      <PageHeader
        title={t('dataMap.title')}
        description={map.data ? t('dataMap.lead', { date: formatDate(map.data.generatedAt) }) : undefined}
      />
      {map.isPending && <Skeleton lines={8} />}
      {map.isError && <ProblemMessage problem={map.error} onRetry={() => void map.refetch()} />}
      {map.data && (
        <div className="flex flex-col gap-6">
          {map.data.owners.map((owner) => (
            <OwnerSection key={owner.owner} owner={owner} />
          ))}
        </div>
      )}
    </>
  );
}

function OwnerSection({ owner }: { owner: DataMapOwner }) {
  const { t } = useTranslation();
  const id = `owner-${owner.owner}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <div>
        <h2 id={id} className="text-lg font-semibold">
          {t(`privacyRequests.owners.${owner.owner}`, { defaultValue: owner.owner })}
        </h2>
        <p className="text-sm text-stone-700">
          {t(`dataMap.role.${owner.controllerRole}`)} <span className="text-stone-600">{t('dataMap.version', { version: owner.version })}</span>
        </p>
      </div>
      <ul className="flex flex-col gap-3">
        {owner.categories.map((category) => (
          <li key={category.name}>
            <CategoryCard category={category} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CategoryCard({ category }: { category: DataMapCategory }) {
  const { t } = useTranslation();
  const retention = useRetentionText();
  const name = category.name;
  return (
    <article className="rounded-xl border border-stone-200 bg-white p-4 sm:p-5">
      <h3 className="mb-3 font-semibold">{t(`privacyRequests.categories.${name}`, { defaultValue: name })}</h3>
      <DetailList>
        <Detail label={t('dataMap.labels.subjects')}>{category.subjects.map((s) => t(`dataMap.subjects.${s}`)).join(', ')}</Detail>
        <Detail label={t('dataMap.labels.purpose')}>{t(`dataMap.purposes.${name}`, { defaultValue: category.purpose })}</Detail>
        <Detail label={t('dataMap.labels.legalBasis')}>{t(`dataMap.legalBasis.${category.legalBasis}`)}</Detail>
        <Detail label={t('dataMap.labels.retention')}>{retention(category)}</Detail>
        {/* Only a category with a retention period is ever cleaned up; the others go when they are erased. */}
        {category.retention.period !== null && (
          <Detail label={t('dataMap.labels.lastPurge')}>{category.lastPurgeAt ? formatDate(category.lastPurgeAt) : t('dataMap.neverPurged')}</Detail>
        )}
      </DetailList>
    </article>
  );
}
