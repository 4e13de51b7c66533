import * as Menu from '@radix-ui/react-dropdown-menu';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/me';
import { useAuth } from '../../auth/auth-context';

const ITEM = 'flex min-h-10 cursor-pointer items-center rounded px-3 text-sm text-stone-900 outline-none data-[highlighted]:bg-stone-100';

/** The person's name; opens their account actions (my account, privacy requests, what data we keep, sign out). Non-modal: no scroll lock, no injected styles. */
export function AccountMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const initials = me.name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join('');
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger
        className="flex min-h-9 items-center gap-2 rounded-lg px-2 py-1 text-sm font-medium text-stone-900 hover:bg-stone-100"
      >
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-900">
          {initials || '?'}
        </span>
        {/* Named by what it shows and what it is: the visible name stays part of the accessible name (WCAG 2.5.3). */}
        <span className="sr-only">{t('account.menu')} </span>
        <span className="hidden max-w-40 truncate sm:inline">{me.name}</span>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={6} className="z-30 min-w-56 rounded-lg border border-stone-200 bg-white p-1 shadow-lg">
          <Menu.Label className="px-3 py-2 text-xs text-stone-700">
            <span className="block font-medium text-stone-900">{me.name}</span>
            <span className="block truncate">{me.email}</span>
          </Menu.Label>
          <Menu.Separator className="my-1 h-px bg-stone-200" />
          <Menu.Item asChild className={ITEM}>
            <Link to="/account">{t('myAccount.menuItem')}</Link>
          </Menu.Item>
          <Menu.Item asChild className={ITEM}>
            <Link to="/privacy-requests">{t('privacyRequests.menuItem')}</Link>
          </Menu.Item>
          <Menu.Item asChild className={ITEM}>
            <Link to="/data-map">{t('dataMap.menuItem')}</Link>
          </Menu.Item>
          <Menu.Separator className="my-1 h-px bg-stone-200" />
          <Menu.Item onSelect={() => void auth.signOut()} className={ITEM}>
            {t('auth.signOut')}
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
