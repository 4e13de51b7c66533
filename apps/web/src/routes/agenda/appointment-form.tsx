import { tenantDataApi } from '@homi/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { Controller, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import type { Treatment } from '../../api/treatments';
import { formatDuration, formatMoney } from '../../format';
import { isProblem } from '../../api/problem';
import { useTenantRole } from '../../permissions/use-can';
import { Alert, Button, Checkbox, FormField, ProblemMessage, Select, TextArea, TextInput } from '../../ui';
import { ClientAlertsNotice } from '../clients/client-alerts';
import { ClientPicker, type PickedClient } from './client-picker';
import { NewClientInline } from './new-client-inline';
import { instantOfInputValue, localInputValue } from './zoned-time';

/** The form's values: date-and-time fields hold Amsterdam wall-clock times (`2026-05-04T10:00`). */
export interface AppointmentFormValues extends FieldValues {
  clientId: string;
  startsAt: string;
  endsAt: string;
  treatment: string;
  notes: string;
}

/** The wall-clock times as the instants the API takes; anything else is left for the schema to refuse. */
const withInstants = (values: unknown) => {
  if (typeof values !== 'object' || values === null) return values;
  const out: Record<string, unknown> = { ...values };
  for (const key of ['startsAt', 'endsAt']) {
    const value = out[key];
    if (typeof value === 'string') out[key] = instantOfInputValue(value)?.toISOString() ?? value;
  }
  return out;
};

/** The contracts' request schemas, reading the form's wall-clock times. The form books by end and treatment text (no treatment picker yet). */
export const createAppointmentSchema = z.preprocess(withInstants, tenantDataApi.CreateFreeTextAppointment);
export const updateAppointmentSchema = z.preprocess((values) => {
  // An appointment keeps its client: the change never names one.
  const { clientId: _fixed, ...rest } = withInstants(values) as Record<string, unknown>;
  return rest;
}, tenantDataApi.UpdateAppointment);

const DURATIONS = [15, 30, 45, 60, 75, 90, 120, 150, 180, 240];

/** The form's values for a period (and an appointment's treatment and notes, when changing one). */
export function appointmentFormValues(start: Date | string, end: Date | string, rest: Partial<AppointmentFormValues> = {}): AppointmentFormValues {
  return { clientId: '', treatment: '', notes: '', ...rest, startsAt: localInputValue(start), endsAt: localInputValue(end) };
}

export interface AppointmentFormProps<S extends z.ZodType> {
  schema: S;
  defaultValues: AppointmentFormValues;
  /** Creating: the client picker (starting at this client, if any). Changing: the client, fixed. */
  client: { mode: 'pick'; initial?: PickedClient; canSearch: boolean; canAdd: boolean } | { mode: 'fixed'; name: string };
  treatmentSuggestions?: readonly string[];
  /** The institute's treatments: choosing one fills in its name and its duration, and books it by id. */
  treatments?: readonly Treatment[];
  /** Colleagues who can be booked (shown to those who may see the members); the appointment is then theirs, and cannot overlap another of theirs. */
  staff?: readonly { userId: string; name: string }[];
  /** The colleague chosen at first (a slot clicked in their column, or the appointment's own). */
  defaultStaffId?: string | null;
  submitLabel: string;
  onSubmit: (body: z.output<S>) => Promise<unknown>;
  onCancel: () => void;
}

/** An appointment's client, period, treatment and notes, validated by the request's contracts schema. */
export function AppointmentForm<S extends z.ZodType>(props: AppointmentFormProps<S>) {
  const { schema, defaultValues, client, treatmentSuggestions = [], treatments = [], staff = [], defaultStaffId, submitLabel, onSubmit, onCancel } = props;
  const [staffId, setStaffId] = useState(defaultStaffId ?? '');
  // Booking outside a colleague's working hours: an owner or admin may, after the API said so, by ticking it.
  const mayOverride = useTenantRole('owner', 'admin');
  const [override, setOverride] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);
  const bookable = treatments.filter((treatment) => treatment.active);
  const [treatmentId, setTreatmentId] = useState('');
  const { t } = useTranslation();
  const [problem, setProblem] = useState<unknown>();
  const [offerOverride, setOfferOverride] = useState(false);
  // A refusal stands beside the submit button: brought into view, where the person's eyes went.
  useEffect(() => {
    if (problem !== undefined) problemRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [problem]);
  const [picked, setPicked] = useState<PickedClient | undefined>(client.mode === 'pick' ? client.initial : undefined);
  const [adding, setAdding] = useState<string>();
  const suggestionsId = useId();
  const form = useContractForm<AppointmentFormValues, S>(schema, {
    defaultValues: { ...defaultValues, clientId: picked?.id ?? defaultValues.clientId },
    emptyAs: client.mode === 'pick' ? 'undefined' : 'null',
  });
  const { register, control, watch, setValue, formState: { errors, isSubmitting, isSubmitted } } = form;

  const start = instantOfInputValue(watch('startsAt'));
  const end = instantOfInputValue(watch('endsAt'));
  const duration = start && end ? Math.round((end.getTime() - start.getTime()) / 60_000) : undefined;
  // Moving the start keeps the length: the end moves along.
  const lastDuration = useRef(duration);
  lastDuration.current = duration;
  const setEnd = (from: Date, minutes: number) =>
    setValue('endsAt', localInputValue(new Date(from.getTime() + minutes * 60_000)), { shouldDirty: true, shouldValidate: isSubmitted });

  const chooseTreatment = (id: string) => {
    setTreatmentId(id);
    const chosen = bookable.find((treatment) => treatment.id === id);
    if (!chosen) return;
    setValue('treatment', chosen.name, { shouldDirty: true, shouldValidate: isSubmitted });
    if (start) setEnd(start, chosen.durationMinutes);
  };

  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    // A treatment from the list is booked by its id as well (the server keeps its price and duration with it).
    const chosen = bookable.find((treatment) => treatment.id === treatmentId);
    const withTreatment = chosen && typeof body === 'object' && body !== null && (body as { treatment?: unknown }).treatment === chosen.name ? { ...body, treatmentId: chosen.id } : body;
    const sent = { ...(withTreatment as object) } as Record<string, unknown>;
    // A change with the colleague list sends the colleague, also "none" (null); a booking only names one.
    if (staffId) sent.staffId = staffId;
    else if (client.mode === 'fixed' && staff.length > 0) sent.staffId = null;
    if (override && offerOverride) sent.overrideWorkingHours = true;
    await onSubmit(sent as typeof body).catch((error: unknown) => {
      if (isProblem(error, 'outside-working-hours') && mayOverride) setOfferOverride(true);
      setProblem(applyProblem(error, form));
    });
  });

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5">
      {client.mode === 'fixed' ? (
        <p className="text-sm text-stone-800">
          <span className="font-medium">{t('agenda.fields.client')}:</span> {client.name}
        </p>
      ) : !client.canSearch ? (
        <Alert title={t('agenda.picker.noClientsAccess.title')}>{t('agenda.picker.noClientsAccess.text')}</Alert>
      ) : (
        <Controller
          control={control}
          name="clientId"
          render={({ field }) => (
            <FormField label={t('agenda.fields.client')} hint={t('agenda.fields.clientHint')} error={errors.clientId} required>
              <ClientPicker
                value={picked}
                inputRef={field.ref}
                // Leaving it to add a new client is not leaving it empty.
                onBlur={adding === undefined ? field.onBlur : undefined}
                onChange={(next) => {
                  setPicked(next);
                  field.onChange(next?.id ?? '');
                }}
                onAddNew={client.canAdd ? setAdding : undefined}
              />
            </FormField>
          )}
        />
      )}
      {client.mode === 'pick' && client.canSearch && picked && adding === undefined && <ClientAlertsNotice clientId={picked.id} />}
      {adding !== undefined && (
        <NewClientInline
          name={adding}
          onCancel={() => setAdding(undefined)}
          onCreated={(created) => {
            setAdding(undefined);
            setPicked({ id: created.id, name: created.name });
            setValue('clientId', created.id);
            form.clearErrors('clientId');
          }}
        />
      )}
      {bookable.length > 0 && (
        <FormField label={t('agenda.fields.treatmentPick')} hint={t('agenda.fields.treatmentPickHint')}>
          <Select value={treatmentId} onChange={(event) => chooseTreatment(event.target.value)}>
            <option value="">{t('agenda.fields.treatmentPickNone')}</option>
            {bookable.map((treatment) => (
              <option key={treatment.id} value={treatment.id}>
                {`${treatment.name} · ${formatDuration(treatment.durationMinutes)} · ${formatMoney(treatment.priceCents)}`}
              </option>
            ))}
          </Select>
        </FormField>
      )}
      {staff.length > 0 && (
        <FormField label={t('agenda.fields.staff')} hint={t('agenda.fields.staffHint')}>
          <Select value={staffId} onChange={(event) => setStaffId(event.target.value)}>
            <option value="">{t('agenda.fields.staffNone')}</option>
            {staff.map((member) => <option key={member.userId} value={member.userId}>{member.name}</option>)}
          </Select>
        </FormField>
      )}
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem]">
        <FormField label={t('agenda.fields.startsAt')} error={errors.startsAt} required>
          <TextInput
            type="datetime-local"
            step={300}
            {...register('startsAt', {
              onChange: (event: { target: { value: string } }) => {
                const next = instantOfInputValue(event.target.value);
                if (next && lastDuration.current && lastDuration.current > 0) setEnd(next, lastDuration.current);
              },
            })}
          />
        </FormField>
        <FormField label={t('agenda.fields.duration')}>
          <Select
            value={duration !== undefined && DURATIONS.includes(duration) ? String(duration) : 'other'}
            disabled={!start}
            onChange={(event) => start && event.target.value !== 'other' && setEnd(start, Number(event.target.value))}
          >
            {DURATIONS.map((minutes) => <option key={minutes} value={minutes}>{formatDuration(minutes)}</option>)}
            <option value="other">{t('agenda.fields.durationOther')}</option>
          </Select>
        </FormField>
        <FormField label={t('agenda.fields.endsAt')} hint={t('agenda.fields.endsAtHint')} error={errors.endsAt} required>
          <TextInput type="datetime-local" step={300} {...register('endsAt')} />
        </FormField>
      </div>
      <FormField label={t('agenda.fields.treatment')} hint={t('agenda.fields.treatmentHint')} error={errors.treatment} required>
        <TextInput autoComplete="off" list={treatmentSuggestions.length > 0 ? suggestionsId : undefined} {...register('treatment')} />
      </FormField>
      {treatmentSuggestions.length > 0 && (
        <datalist id={suggestionsId}>
          {treatmentSuggestions.map((treatment) => <option key={treatment} value={treatment} />)}
        </datalist>
      )}
      <FormField label={t('agenda.fields.notes')} hint={t('agenda.fields.notesHint')} error={errors.notes}>
        <TextArea rows={3} {...register('notes')} />
      </FormField>
      <div ref={problemRef} aria-live="polite" className="flex flex-col gap-3 empty:hidden">
        {problem !== undefined && <ProblemMessage problem={problem} />}
        {offerOverride && (
          <Checkbox label={t('agenda.override.label')} checked={override} onChange={(event) => setOverride(event.target.checked)} />
        )}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" busy={isSubmitting} disabled={client.mode === 'pick' && !client.canSearch}>{submitLabel}</Button>
      </div>
    </form>
  );
}
