import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddClientNote, useClientNotes } from '../../api/client-health';
import { formatDateTime } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Button, FormField, ProblemMessage, TextArea } from '../../ui';

/** On the client card: the treatment notes, oldest first; added (never changed) with clients:edit. */
export function ClientNotesPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('clients', 'edit');
  const notes = useClientNotes(tenantId, clientId);
  const add = useAddClientNote(tenantId, clientId);
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="treatment-notes" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="treatment-notes" className="mb-4 text-lg font-semibold">{t('health.notes.title')}</h2>
      {notes.isError ? (
        <ProblemMessage problem={notes.error} onRetry={() => void notes.refetch()} />
      ) : !notes.isSuccess ? (
        <p className="text-stone-600">{t('health.notes.loading')}</p>
      ) : notes.data.items.length === 0 ? (
        <p className="text-stone-600">{t('health.notes.none')}</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {notes.data.items.map((note) => (
            <li key={note.id} className="border-l-2 border-stone-300 pl-3">
              <p className="text-xs text-stone-600">{formatDateTime(note.createdAt)}</p>
              <p className="whitespace-pre-line text-stone-900">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <form
          noValidate
          className="mt-4 flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate({ text: text.trim() }, { onSuccess: () => setText('') });
          }}
        >
          {add.isError && <ProblemMessage problem={add.error} />}
          <FormField label={t('health.notes.new')} hint={t('health.notes.newHint')}>
            <TextArea rows={3} maxLength={5000} value={text} onChange={(event) => setText(event.target.value)} />
          </FormField>
          <div className="flex sm:justify-end">
            <Button type="submit" busy={add.isPending} disabled={text.trim() === ''}>{t('health.notes.add')}</Button>
          </div>
        </form>
      )}
      <p className="mt-3 text-xs text-stone-600">{t('health.recorded')}</p>
    </section>
  );
}
