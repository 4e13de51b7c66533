import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PrivacyRequest } from '../../api/privacy-requests';

type Report = PrivacyRequest['report'][number];
type OwnerStatus = PrivacyRequest['owners'][number]['status'];

/**
 * The words for what a request and its report name: its type and status, the services (data owners)
 * that answer it, their categories and what they did. A name the catalog does not know yet (a new
 * service or category) shows as the service reported it.
 */
export function useRequestLabels() {
  const { t, i18n } = useTranslation();
  const known = (key: string, fallback: string) => (i18n.exists(key) ? t(key as ParseKeys) : fallback);
  return {
    type: (type: PrivacyRequest['type']) => t(`privacyRequests.type.${type}`),
    status: (status: PrivacyRequest['status']) => t(`privacyRequests.status.${status}`),
    ownerStatus: (status: OwnerStatus) => t(`privacyRequests.ownerStatus.${status}`),
    owner: (owner: string) => known(`privacyRequests.owners.${owner}`, owner),
    category: (category: string) => known(`privacyRequests.categories.${category}`, category),
    action: (action: Report['action']) => t(`privacyRequests.actions.${action}`),
  };
}
