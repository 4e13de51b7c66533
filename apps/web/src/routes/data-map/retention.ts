import { useTranslation } from 'react-i18next';
import type { DataMapCategory } from '../../api/data-map';

const UNITS = [
  ['Y', 'years'],
  ['M', 'months'],
  ['W', 'weeks'],
  ['D', 'days'],
] as const;

/** The parts of an ISO 8601 period as the declarations write it (`P2Y`, `P13M`, `P0D`, `P1Y6M`), largest first; none when it is zero. */
export function periodParts(period: string): { unit: (typeof UNITS)[number][1]; count: number }[] {
  return UNITS.flatMap(([letter, unit]) => {
    const count = Number(period.match(new RegExp(`(\\d+)${letter}`))?.[1] ?? 0);
    return count > 0 ? [{ unit, count }] : [];
  });
}

/**
 * A category's retention in words: "2 jaar na het einde van de afspraak", "Direct na …" for a period of
 * zero, "Tot het account … wordt gewist" without a period. The start is the catalog's words for it, or
 * the declaration's own (English) when the catalog has none.
 */
export function useRetentionText(): (category: Pick<DataMapCategory, 'name' | 'retention'>) => string {
  const { t } = useTranslation();
  return ({ name, retention }) => {
    if (retention.period === null) return t('dataMap.retention.untilErased');
    const start = t(`dataMap.retentionStarts.${name}`, { defaultValue: retention.startsAt });
    const parts = periodParts(retention.period).map(({ unit, count }) => t(`dataMap.retention.${unit}`, { count }));
    if (parts.length === 0) return t('dataMap.retention.immediately', { start });
    const period = parts.reduce((first, second) => t('dataMap.retention.and', { first, second }));
    return t('dataMap.retention.after', { period, start });
  };
}
