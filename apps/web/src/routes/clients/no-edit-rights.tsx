import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui';

/** Shown instead of a form to someone with clients:view only (the API would refuse the change). */
export function NoEditRights() {
  const { t } = useTranslation();
  return <Alert tone="info" title={t('clients.viewOnly.title')}>{t('clients.viewOnly.text')}</Alert>;
}
