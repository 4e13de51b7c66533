import { helpdeskApi, type TicketSide } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketMessage } from '../../api/tickets';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { formatDateTime } from '../../format';
import { Button, FormField, ProblemMessage, TextArea } from '../../ui';
import { cn } from '../../ui/cn';

/**
 * The messages of a ticket, oldest first; the viewer's own side on the right. Names are sides only
 * (the institute, HOMi support): neither side learns who on the other side wrote.
 */
export function Conversation({ messages, viewer, names }: { messages: readonly TicketMessage[]; viewer: TicketSide; names: Record<TicketSide, string> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="conversation" className="flex flex-col gap-3">
      <h2 id="conversation" className="text-lg font-semibold text-stone-900">{t('help.ticket.conversation')}</h2>
      <ol className="flex flex-col gap-3">
        {messages.map((message) => {
          const own = message.from === viewer;
          return (
            <li key={message.id} className={cn('flex flex-col gap-1 rounded-xl border p-4 sm:max-w-[85%]', own ? 'border-brand-200 bg-brand-50 sm:self-end' : 'border-stone-200 bg-white sm:self-start')}>
              <p className="flex flex-wrap items-baseline justify-between gap-x-3 text-xs text-stone-700">
                <span className="font-semibold text-stone-900">{names[message.from]}</span>
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
              </p>
              {message.body === null
                ? <p className="text-sm italic text-stone-600">{t('help.ticket.erased')}</p>
                : <p className="whitespace-pre-wrap break-words text-sm text-stone-900">{message.body}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A reply on a ticket, validated by the contracts' PostMessage; emptied once sent. */
export function ReplyForm({ label, submitLabel, send, onSent }: { label: string; submitLabel: string; send: (body: { message: string }) => Promise<unknown>; onSent: () => void }) {
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<{ message: string }, typeof helpdeskApi.PostMessage>(helpdeskApi.PostMessage, { defaultValues: { message: '' } });
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      await send(body);
      form.reset({ message: '' });
      onSent();
    } catch (error) {
      setProblem(applyProblem(error, form));
    }
  });
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <FormField label={label} error={form.formState.errors.message} required>
        <TextArea {...form.register('message')} rows={4} maxLength={10_000} />
      </FormField>
      <div className="flex justify-end">
        <Button type="submit" busy={form.formState.isSubmitting}>{submitLabel}</Button>
      </div>
    </form>
  );
}
