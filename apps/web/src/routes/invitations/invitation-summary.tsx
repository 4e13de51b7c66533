import { MODULES } from '@homi/contracts';
import { useTranslation } from 'react-i18next';
import type { InvitationPreview } from '../../api/invitations';
import { formatDateTime } from '../../format';
import { Badge } from '../../ui';

/** What the invitation offers: the institute, the role, each module's access, and until when it can be accepted. */
export function InvitationSummary({ invitation }: { invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const granted = MODULES.filter((module) => invitation.permissions[module] !== 'none');
  return (
    <section aria-labelledby="offer" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="offer" className="text-lg font-semibold">{t('invitations.offer.title', { name: invitation.instituteName })}</h2>
      <p className="mt-1 text-sm text-stone-700">
        {t('invitations.offer.text', { email: invitation.email, role: t(`invitations.roles.${invitation.role}`) })}
      </p>
      <h3 className="mt-4 text-sm font-semibold text-stone-900">{t('invitations.offer.access')}</h3>
      {granted.length === 0 ? (
        <p className="mt-1 text-sm text-stone-700">{t('invitations.offer.noAccess')}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1">
          {granted.map((module) => (
            <li key={module} className="flex items-center justify-between gap-4 text-sm">
              <span>{t(`invitations.modules.${module}`)}</span>
              <Badge tone={invitation.permissions[module] === 'edit' ? 'brand' : 'neutral'}>{t(`invitations.levels.${invitation.permissions[module]}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-4 text-xs text-stone-600">{t('invitations.offer.until', { date: formatDateTime(invitation.expiresAt) })}</p>
    </section>
  );
}
