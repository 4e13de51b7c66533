import { ACCESS_LEVELS, MODULES, type AccessLevel, type Module } from '@homi/contracts';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup } from '../../ui';

export interface MatrixValues {
  role: string;
  permissions: Record<Module, AccessLevel>;
}

export interface PermissionMatrixProps {
  register: UseFormRegister<MatrixValues>;
  errors?: FieldErrors<MatrixValues>['permissions'];
  /** Whether a level can be chosen for a module (what the person may give). */
  allowed: (module: Module, level: AccessLevel) => boolean;
  /** An owner holds everything: the matrix shows it and cannot change it. */
  ownerRole: boolean;
  disabled?: boolean;
}

/** The module × level matrix: one choice of none / view / edit per module, readable on a phone. */
export function PermissionMatrix({ register, errors, allowed, ownerRole, disabled }: PermissionMatrixProps) {
  const { t } = useTranslation();
  const limited = !ownerRole && !disabled && MODULES.some((m) => ACCESS_LEVELS.some((l) => !allowed(m, l)));
  return (
    <fieldset className="flex flex-col gap-1 rounded-xl border border-stone-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-stone-900">{t('admin.matrix.legend')}</legend>
      <p className="mb-2 text-xs text-stone-600">{ownerRole ? t('admin.matrix.ownerHint') : t('admin.matrix.hint')}</p>
      <div className="flex flex-col divide-y divide-stone-100">
        {MODULES.map((module) => (
          <ChoiceGroup
            key={module}
            className="py-2"
            label={t(`admin.modules.${module}`)}
            disabled={disabled || ownerRole}
            error={errors?.[module]}
            choices={ACCESS_LEVELS.map((level) => ({ value: level, label: t(`admin.levels.${level}`), disabled: !allowed(module, level) }))}
            {...register(`permissions.${module}`)}
          />
        ))}
      </div>
      {limited && <p className="mt-2 text-xs text-stone-600">{t('admin.matrix.aboveOwn')}</p>}
    </fieldset>
  );
}

