import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../api/problem';
import { encodeFieldMessage } from '../../forms/field-message';
import { usePutWorkingHours, useWorkingHours } from '../../api/working-hours';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Button, FormField, ProblemMessage, Skeleton, TextInput, useToast } from '../../ui';
import { formatWeekday } from '../agenda/format-day';
import { newRow, periodsOf, rowErrors, rowsOf, type HoursRow, type RowError } from './working-hours-rows';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A colleague's working hours: read with agenda:view, changed with settings:edit (as the API allows). */
export function WorkingHoursSection({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canView = useCan('agenda', 'view');
  const hours = useWorkingHours(tenantId, userId, { enabled: canView });
  if (!canView) return null;
  return (
    <section aria-labelledby="working-hours" className="mt-10 flex max-w-3xl flex-col gap-4 rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="working-hours" className="text-lg font-semibold">{t('agenda.workingHours.title')}</h2>
      <p className="text-sm text-stone-700">{t('agenda.workingHours.lead')}</p>
      {hours.isPending && <Skeleton lines={4} />}
      {hours.isError && <ProblemMessage problem={hours.error} onRetry={() => void hours.refetch()} />}
      {hours.isSuccess && <WorkingHoursEditor key={hours.dataUpdatedAt} userId={userId} initial={rowsOf(hours.data.periods)} />}
    </section>
  );
}

function WorkingHoursEditor({ userId, initial }: { userId: string; initial: HoursRow[] }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('settings', 'edit');
  const put = usePutWorkingHours(tenantId, userId);
  const toast = useToast();
  const [rows, setRows] = useState(initial);
  const [errors, setErrors] = useState(new Map<string, RowError>());
  const [problem, setProblem] = useState<unknown>();
  const change = (key: number, field: 'start' | 'end', value: string) => {
    setRows((list) => list.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
    setErrors((map) => { const next = new Map(map); next.delete(`${key}.${field}`); return next; });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const { ordered, periods } = periodsOf(rows);
    try {
      await put.mutateAsync({ periods });
      setErrors(new Map());
      toast(t('agenda.workingHours.saved'));
    } catch (error) {
      const placed = isApiProblem(error) ? rowErrors(error.errors, ordered) : new Map<string, RowError>();
      setErrors(placed);
      setProblem(placed.size > 0 ? 'fields' : error);
    }
  };
  return (
    <form noValidate onSubmit={(event) => void save(event)} className="flex flex-col gap-4">
      {!canEdit && <Alert title={t('agenda.workingHours.viewOnly')} />}
      {rows.length === 0 && <p className="text-sm font-medium text-stone-800">{t('agenda.workingHours.notSet')}</p>}
      <div className="flex flex-col divide-y divide-stone-200">
        {WEEKDAYS.map((weekday) => {
          const day = formatWeekday(weekday);
          const periods = rows.filter((row) => row.weekday === weekday);
          return (
            <fieldset key={weekday} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:gap-4">
              <legend className="float-left w-28 pt-2 text-sm font-semibold text-stone-900 first-letter:uppercase sm:pt-8">{day}</legend>
              <div className="flex flex-1 flex-col gap-2">
                {periods.length === 0 && <p className="pt-2 text-sm text-stone-600 sm:pt-8">{t('agenda.workingHours.dayOff')}</p>}
                {periods.map((row) => (
                  <div key={row.key} className="flex flex-wrap items-start gap-2">
                    <TimeField label={t('agenda.workingHours.from')} value={row.start} error={errors.get(`${row.key}.start`)} disabled={!canEdit} onChange={(v) => change(row.key, 'start', v)} />
                    <TimeField label={t('agenda.workingHours.until')} value={row.end} error={errors.get(`${row.key}.end`)} disabled={!canEdit} onChange={(v) => change(row.key, 'end', v)} />
                    {canEdit && (
                      <Button
                        variant="secondary"
                        className="sm:mt-6"
                        aria-label={t('agenda.workingHours.removeFrom', { from: row.start, until: row.end, day })}
                        onClick={() => setRows((list) => list.filter((one) => one.key !== row.key))}
                      >
                        {t('agenda.workingHours.remove')}
                      </Button>
                    )}
                  </div>
                ))}
                {canEdit && (
                  <div>
                    <Button variant="secondary" size="sm" aria-label={t('agenda.workingHours.addTo', { day })} onClick={() => setRows((list) => [...list, newRow(weekday)])}>
                      + {t('agenda.workingHours.add')}
                    </Button>
                  </div>
                )}
              </div>
            </fieldset>
          );
        })}
      </div>
      {problem === 'fields' ? <Alert tone="danger" title={t('agenda.workingHours.invalid')} /> : problem !== undefined && <ProblemMessage problem={problem} />}
      {canEdit && <div><Button type="submit" busy={put.isPending}>{t('agenda.workingHours.save')}</Button></div>}
    </form>
  );
}

function TimeField({ label, value, error, disabled, onChange }: { label: string; value: string; error?: RowError; disabled: boolean; onChange: (value: string) => void }) {
  return (
    <FormField label={label} className="w-36" error={error && { type: 'server', message: encodeFieldMessage({ key: `agenda.workingHours.errors.${error}` }) }}>
      <TextInput type="time" step={300} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} />
    </FormField>
  );
}
