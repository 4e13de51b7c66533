import { useEffect, useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientPage } from '../../api/clients';
import { useTenant } from '../../permissions/tenant-context';
import { ProblemMessage, TextInput } from '../../ui';
import { cn } from '../../ui/cn';

export interface PickedClient {
  id: string;
  name: string;
}

export interface ClientPickerProps {
  value: PickedClient | undefined;
  onChange: (client: PickedClient | undefined) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  /** Offers "add a new client" for the typed name (a person with clients:edit). */
  onAddNew?: (name: string) => void;
}

const SEARCH_DELAY_MS = 250;
const SHOWN = 8;

type Option = { kind: 'client'; client: { id: string; name: string; email: string | null; phone: string | null } } | { kind: 'new'; name: string };

/**
 * A client by name, as a combobox (WAI-ARIA 1.2): the person types, the institute's clients that
 * match appear as they pause, arrows move through them, Enter picks one, Escape closes the list.
 */
export function ClientPicker({ value, onChange, onBlur, inputRef, onAddNew }: ClientPickerProps) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const [text, setText] = useState(value?.name ?? '');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  // The option the arrows are on; none (-1) until the person moves to one.
  const [active, setActive] = useState(-1);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const results = useClientPage(tenantId, { q: q || undefined, limit: SHOWN });

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const typed = text.trim();
  const clients = results.data?.items ?? [];
  const options: Option[] = [
    ...clients.map((client) => ({ kind: 'client' as const, client })),
    ...(onAddNew && typed && !clients.some((c) => c.name.toLowerCase() === typed.toLowerCase()) ? [{ kind: 'new' as const, name: typed }] : []),
  ];
  const searching = results.isFetching || q !== typed;

  const choose = (option: Option) => {
    setOpen(false);
    if (option.kind === 'new') return onAddNew?.(option.name);
    setText(option.client.name);
    onChange({ id: option.client.id, name: option.client.name });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 && step < 0 ? options.length - 1 : Math.max(0, Math.min(options.length - 1, i + step))));
    } else if (event.key === 'Enter' && open) {
      // Enter without moving takes the best match, the first.
      event.preventDefault();
      const option = options[Math.min(Math.max(active, 0), options.length - 1)];
      if (option) choose(option);
    } else if (event.key === 'Escape' && open) {
      // Closes the list, not the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const status = searching
    ? t('agenda.picker.searching')
    : results.isError
      ? ''
      : clients.length === 0
        ? t('agenda.picker.noMatches')
        : t('agenda.picker.found', { count: clients.length });

  return (
    <div className="flex flex-col gap-1">
      <TextInput
        ref={inputRef}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        autoComplete="off"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          if (value) onChange(undefined);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
        onKeyDown={onKeyDown}
      />
      <p role="status" className={open && status ? 'text-xs text-stone-700' : 'sr-only'}>{open ? status : ''}</p>
      <ul
        id={listId}
        role="listbox"
        aria-label={t('agenda.picker.results')}
        hidden={!open || (options.length === 0 && !results.isError)}
        className="max-h-64 overflow-auto rounded-lg border border-stone-300 bg-white py-1 shadow-md"
      >
        {options.map((option, i) => (
          <li
            key={option.kind === 'client' ? option.client.id : 'new'}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // Keeps the focus in the input, so the list does not close before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            className={cn('flex cursor-pointer flex-col px-3 py-2 text-sm', i === active ? 'bg-brand-100 text-brand-900' : 'text-stone-900')}
          >
            {option.kind === 'client' ? (
              <>
                <span className="font-medium">{option.client.name}</span>
                {(option.client.email || option.client.phone) && (
                  <span className="text-xs text-stone-700">{[option.client.email, option.client.phone].filter(Boolean).join(' · ')}</span>
                )}
              </>
            ) : (
              <span className="font-medium">+ {t('agenda.picker.addNew', { name: option.name })}</span>
            )}
          </li>
        ))}
      </ul>
      {open && results.isError && <ProblemMessage problem={results.error} onRetry={() => void results.refetch()} />}
    </div>
  );
}
