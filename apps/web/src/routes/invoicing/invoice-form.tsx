import { billingApi } from '@homi/contracts';
import { useState } from 'react';
import { Controller, useFieldArray, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { formatMoney } from '../../format';
import { Button, Checkbox, FormField, ProblemMessage, Select, TextInput } from '../../ui';
import { ClientPicker, type PickedClient } from '../agenda/client-picker';

/** A line as typed: amounts and quantities are text in the person's notation (`45,00`, `1,5`). */
export interface InvoiceLineValues {
  description: string;
  quantity: string;
  /** In euros as typed; the API takes cents. Named as the API names it, so its field errors land here. */
  unitPriceCents: string;
  taxRate: string;
}

export interface InvoiceFormValues extends FieldValues {
  clientId: string;
  lines: InvoiceLineValues[];
  sendByEmail: boolean;
}

const TAX_RATES = ['21', '9', '0'] as const;
export const emptyLine = (description = ''): InvoiceLineValues => ({ description, quantity: '1', unitPriceCents: '', taxRate: '21' });

/** `1,5` or `1.5` as a number; anything else left as typed, for the schema to refuse (empty: absent). */
export function parseQuantity(text: string): unknown {
  const value = text.trim();
  if (value === '') return undefined;
  return /^\d+(?:[.,]\d+)?$/.test(value) ? Number(value.replace(',', '.')) : text;
}

/** `45`, `45,5`, `-5,00` or `€ 45.00` euros as whole cents; anything else left as typed for the schema to refuse. */
export function parseCents(text: string): unknown {
  const value = text.trim().replace(/^€\s*/, '');
  if (value === '') return undefined;
  const match = /^(-)?(\d+)(?:[.,](\d{1,2}))?$/.exec(value);
  if (!match) return text;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** An invoice line from the API as the form shows it (to invoice again). */
export function lineValues(line: billingApi.InvoiceLine, language: string): InvoiceLineValues {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: 2, useGrouping: false }).format(value);
  return { description: line.description, quantity: number(line.quantity, 0), unitPriceCents: number(line.unitPriceCents / 100, 2), taxRate: String(line.taxRate) };
}

const asRequest = (values: unknown) => {
  if (typeof values !== 'object' || values === null) return values;
  const { lines, ...rest } = values as { lines?: unknown };
  if (!Array.isArray(lines)) return values;
  return {
    ...rest,
    lines: (lines as InvoiceLineValues[]).map((line) => ({
      description: line.description,
      quantity: parseQuantity(line.quantity),
      unitPriceCents: parseCents(line.unitPriceCents),
      taxRate: line.taxRate === '' ? undefined : Number(line.taxRate),
    })),
  };
};

/** The contracts' request schema, reading the form's text amounts. */
export const createInvoiceSchema = z.preprocess(asRequest, billingApi.CreateInvoice);

/** What the lines come to, as FactuurSturen will count it (each line rounded, tax per line); undefined while one is not a number yet. */
function previewTotals(lines: InvoiceLineValues[]) {
  const parsed = lines.map((line) => ({ quantity: parseQuantity(line.quantity), cents: parseCents(line.unitPriceCents), rate: Number(line.taxRate) }));
  if (parsed.some((line) => typeof line.quantity !== 'number' || typeof line.cents !== 'number')) return undefined;
  return parsed.reduce(
    (sum, line) => {
      const excl = Math.round((line.quantity as number) * (line.cents as number));
      const tax = Math.round((excl * line.rate) / 100);
      return { excl: sum.excl + excl, tax: sum.tax + tax };
    },
    { excl: 0, tax: 0 },
  );
}

export interface InvoiceFormProps {
  /** A given client (from their card, an appointment), or a picker. */
  client: { mode: 'fixed'; id: string; name: string } | { mode: 'pick' };
  lines: InvoiceLineValues[];
  onSubmit: (body: billingApi.CreateInvoice) => Promise<unknown>;
  onCancel: () => void;
}

/** An invoice's client, lines and whether FactuurSturen mails it, validated by the request's contracts schema. */
export function InvoiceForm({ client, lines, onSubmit, onCancel }: InvoiceFormProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<unknown>();
  const [picked, setPicked] = useState<PickedClient | undefined>();
  const form = useContractForm<InvoiceFormValues, typeof createInvoiceSchema>(createInvoiceSchema, {
    defaultValues: { clientId: client.mode === 'fixed' ? client.id : '', lines, sendByEmail: false },
  });
  const { register, control, watch, formState: { errors, isSubmitting } } = form;
  const rows = useFieldArray({ control, name: 'lines' });
  const totals = previewTotals(watch('lines'));

  const submit = form.handleSubmit((body) => {
    setProblem(undefined);
    return onSubmit(body).then(() => undefined, (error: unknown) => setProblem(applyProblem(error, form)));
  });

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      {client.mode === 'fixed' ? (
        <FormField label={t('invoicing.form.client')} error={errors.clientId}>
          <TextInput value={client.name} readOnly />
        </FormField>
      ) : (
        <Controller
          control={control}
          name="clientId"
          render={({ field }) => (
            <FormField label={t('invoicing.form.client')} hint={t('invoicing.form.clientHint')} error={errors.clientId} required>
              <ClientPicker
                value={picked}
                inputRef={field.ref}
                onBlur={field.onBlur}
                onChange={(next) => {
                  setPicked(next);
                  field.onChange(next?.id ?? '');
                }}
              />
            </FormField>
          )}
        />
      )}
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t('invoicing.form.lines')}</legend>
        {rows.fields.map((row, index) => (
          <fieldset key={row.id} className="grid gap-3 rounded-lg border border-stone-200 p-4 sm:grid-cols-[minmax(0,1fr)_6rem_9rem_9rem]">
            <legend className="px-1 text-sm font-medium text-stone-700">{t('invoicing.form.lineLegend', { number: index + 1 })}</legend>
            <FormField label={t('invoicing.form.description')} hint={index === 0 ? t('invoicing.form.descriptionHint') : undefined} error={errors.lines?.[index]?.description} required>
              <TextInput autoComplete="off" {...register(`lines.${index}.description`)} />
            </FormField>
            <FormField label={t('invoicing.form.quantity')} hint={index === 0 ? t('invoicing.form.quantityHint') : undefined} error={errors.lines?.[index]?.quantity} required>
              <TextInput inputMode="decimal" autoComplete="off" {...register(`lines.${index}.quantity`)} />
            </FormField>
            <FormField label={t('invoicing.form.unitPrice')} hint={index === 0 ? t('invoicing.form.unitPriceHint') : undefined} error={errors.lines?.[index]?.unitPriceCents} required>
              <TextInput inputMode="decimal" autoComplete="off" {...register(`lines.${index}.unitPriceCents`)} />
            </FormField>
            <FormField label={t('invoicing.form.taxRate')} error={errors.lines?.[index]?.taxRate} required>
              <Select {...register(`lines.${index}.taxRate`)}>
                {TAX_RATES.map((rate) => <option key={rate} value={rate}>{t(`invoicing.form.taxRates.${rate}`)}</option>)}
              </Select>
            </FormField>
            {rows.fields.length > 1 && (
              <div className="sm:col-span-4">
                <Button variant="ghost" size="sm" onClick={() => rows.remove(index)}>{t('invoicing.form.removeLine', { number: index + 1 })}</Button>
              </div>
            )}
          </fieldset>
        ))}
        <div>
          <Button variant="secondary" size="sm" onClick={() => rows.append(emptyLine())} disabled={rows.fields.length >= 100}>
            {t('invoicing.form.addLine')}
          </Button>
        </div>
      </fieldset>
      <p className="text-stone-900" aria-live="polite">
        <span className="font-semibold">{t('invoicing.form.total')}: </span>
        {totals
          ? t('invoicing.form.totalLine', { excl: formatMoney(totals.excl), tax: formatMoney(totals.tax), incl: formatMoney(totals.excl + totals.tax) })
          : t('common.none')}
      </p>
      <div className="flex flex-col gap-1">
        <Checkbox label={t('invoicing.form.sendByEmail')} error={errors.sendByEmail} {...register('sendByEmail')} />
        <p className="ml-8 text-xs text-stone-600">{t('invoicing.form.sendByEmailHint')}</p>
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" busy={isSubmitting}>{t('invoicing.form.submit')}</Button>
      </div>
    </form>
  );
}
