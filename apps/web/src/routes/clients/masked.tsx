import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui';

/**
 * A contact detail the API masked (the person lacks clients:view): looks hidden, and says so to
 * screen readers, rather than showing whatever placeholder the API sent.
 */
export function Masked() {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-hidden="true" className="font-mono tracking-widest text-stone-500">••••••</span>
      <Badge>{t('clients.masked')}</Badge>
    </span>
  );
}

/** A contact value, masked when the API masked it, a dash when absent. */
export function ContactValue({ value, masked, href }: { value: string | null; masked: boolean; href?: string }) {
  const { t } = useTranslation();
  if (masked) return <Masked />;
  if (!value) return <span className="text-stone-500">{t('common.none')}</span>;
  return href ? <a className="text-brand-700 underline underline-offset-2" href={href}>{value}</a> : <span>{value}</span>;
}
