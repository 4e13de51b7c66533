import { MODULES, type AccessLevel, type Permissions } from '@homi/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui';

const TONE: Record<AccessLevel, BadgeTone> = { none: 'neutral', view: 'brand', edit: 'success' };

/** A colleague's module levels at a glance: two columns on a phone, six in a row on a wide screen. */
export function PermissionSummary({ permissions }: { permissions: Permissions }) {
  const { t } = useTranslation();
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3 lg:grid-cols-6">
      {MODULES.map((module) => (
        <div key={module} className="flex flex-col gap-0.5">
          <dt className="text-xs text-stone-600">{t(`admin.modules.${module}`)}</dt>
          <dd><Badge tone={TONE[permissions[module]]}>{t(`admin.levels.${permissions[module]}`)}</Badge></dd>
        </div>
      ))}
    </dl>
  );
}
