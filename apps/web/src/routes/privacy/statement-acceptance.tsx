import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PrivacyStatement } from '../../api/privacy-statements';
import { Checkbox, Link } from '../../ui';
import { StatementMeta, StatementText } from './statement-text';

export interface StatementAcceptanceProps<T extends FieldValues, TOut extends FieldValues> {
  /** A contract form's control (its parsed output may differ from its values). */
  control: Control<T, unknown, TOut>;
  /** The form field that holds the accepted version: the version shown once ticked, '' until then. */
  name: FieldPath<T>;
  statement: PrivacyStatement;
}

/** The privacy statement shown with its version and date, and the box that accepts exactly that version. */
export function StatementAcceptance<T extends FieldValues, TOut extends FieldValues>({ control, name, statement }: StatementAcceptanceProps<T, TOut>) {
  const { t } = useTranslation();
  return (
    <>
      <StatementMeta statement={statement} />
      <StatementText text={statement.text} scroll label={t('signup.statementText')} />
      <p className="text-sm text-stone-700">
        <Link to="/privacy" target="_blank">{t('signup.statementLink')}</Link>
      </p>
      <Controller
        control={control}
        name={name}
        render={({ field, fieldState }) => (
          <Checkbox
            ref={field.ref}
            name={field.name}
            checked={field.value === statement.version}
            onBlur={field.onBlur}
            onChange={(event) => field.onChange(event.target.checked ? statement.version : '')}
            label={t('signup.accept', { version: statement.version })}
            error={fieldState.error}
          />
        )}
      />
    </>
  );
}
