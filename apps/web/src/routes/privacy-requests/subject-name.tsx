import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/clients';
import { useMe } from '../../api/me';
import type { PrivacyRequest } from '../../api/privacy-requests';
import { isApiProblem } from '../../api/problem';
import { can } from '../../permissions/use-can';

type Subject = PrivacyRequest['subject'];

function ClientName({ tenantId, clientId }: { tenantId: string; clientId: string }) {
  const { t } = useTranslation();
  const client = useClient(tenantId, clientId);
  if (client.isPending) return <>{t('privacyRequests.subject.client')}</>;
  // An erased client is gone from the institute's administration (404, though an earlier answer may
  // still be cached): the request is all that is left of it.
  if (isApiProblem(client.error) && client.error.status === 404) return <>{t('privacyRequests.subject.erasedClient')}</>;
  return <>{client.data && !client.data.masked ? client.data.name : t('privacyRequests.subject.client')}</>;
}

/** Whom a request is about, as its requester knows them: themselves, a client by name (while they may see it), an institute. */
export function SubjectName({ subject }: { subject: Subject }) {
  const { t } = useTranslation();
  const me = useMe();
  const membership = 'tenantId' in subject ? me.data?.memberships.find((m) => m.tenantId === subject.tenantId) : undefined;
  // The list holds only the person's own requests: one about an account is about theirs.
  if (subject.kind === 'user') return <>{t('privacyRequests.subject.self')}</>;
  if (subject.kind === 'tenant') {
    return <>{membership ? t('privacyRequests.subject.institute', { name: membership.instituteName }) : t('privacyRequests.subject.erasedInstitute')}</>;
  }
  return (
    <>
      {membership && can(membership, 'clients', 'view') ? (
        <ClientName tenantId={subject.tenantId} clientId={subject.clientId} />
      ) : (
        t('privacyRequests.subject.client')
      )}
      {membership && <span className="block text-xs text-stone-600">{membership.instituteName}</span>}
    </>
  );
}
