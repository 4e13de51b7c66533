import { MODULES, ROLES, type AccessLevel, type Module, type Permissions, type Role } from '@homi/contracts';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Membership } from '../../api/me';
import { FormField, Select } from '../../ui';
import { PermissionMatrix, type MatrixValues } from './permission-matrix';
import { grantableDefaults, mayGiveLevel, mayGiveRole } from './rules';

const allEdit = () => Object.fromEntries(MODULES.map((m) => [m, 'edit'])) as Permissions;

export interface RoleAndPermissionsProps<T extends MatrixValues> {
  form: UseFormReturn<T, unknown, unknown>;
  /** The signed-in person's membership: what they may give. */
  actor: Membership;
  /** The colleague's saved role and levels, when changing an existing member. */
  saved?: { role: Role; permissions: Permissions };
  disabled?: boolean;
  /** The only role that can be chosen (the last owner stays owner). */
  lockedRole?: Role;
}

/**
 * The role and the module × level matrix of an invitation or a member. Choices the person may not
 * give are switched off; choosing another role starts from that role's levels, as the API does.
 */
export function RoleAndPermissions<T extends MatrixValues>({ form: typed, actor, saved, disabled, lockedRole }: RoleAndPermissionsProps<T>) {
  const { t } = useTranslation();
  const form = typed as unknown as UseFormReturn<MatrixValues, unknown, unknown>;
  const role = form.watch('role') as Role;
  const levelsFor = (next: Role): Permissions =>
    next === 'owner' ? allEdit() : saved && saved.role === next ? saved.permissions : grantableDefaults(actor, next);
  const allowed = (module: Module, level: AccessLevel) =>
    mayGiveLevel(actor, module, level, saved && saved.role === role ? saved.permissions[module] : undefined);

  return (
    <>
      <FormField label={t('admin.colleagues.role')} hint={t('admin.colleagues.roleHint')} error={form.formState.errors.role} className="max-w-sm">
        <Select
          disabled={disabled}
          {...form.register('role', {
            onChange: (event: { target: { value: string } }) => {
              const next = levelsFor(event.target.value as Role);
              for (const module of MODULES) form.setValue(`permissions.${module}`, next[module]);
            },
          })}
        >
          {ROLES.map((option) => (
            <option key={option} value={option} disabled={(lockedRole ?? option) !== option || (!mayGiveRole(actor, option) && option !== saved?.role)}>
              {mayGiveRole(actor, option) ? t(`admin.roles.${option}`) : t('admin.colleagues.roleAboveOwn', { role: t(`admin.roles.${option}`) })}
            </option>
          ))}
        </Select>
      </FormField>
      <PermissionMatrix
        register={form.register}
        errors={form.formState.errors.permissions}
        allowed={allowed}
        ownerRole={role === 'owner'}
        disabled={disabled}
      />
    </>
  );
}
