import { useTranslation } from 'react-i18next';
import type { AuditLogEntry } from '../../api/audit-log';
import { useMembers } from '../../api/members';
import { useSupportAccess } from '../../api/support-access';
import { useCan } from '../../permissions/use-can';

/** The most requests whose tickets name support users in the log: the latest ones. */
const KNOWN_REQUESTS = 100;

export interface Names {
  /** A member's name, or undefined for someone who is no longer (or never was) a member. */
  member: (userId: string) => string | undefined;
  /** Whether the members could be read (users:view): an unknown id then is a former colleague. */
  membersKnown: boolean;
  /** The tickets a support user asked under, as far as the recent requests tell. */
  supportTickets: (userId: string) => string[];
  /** The ticket of a support access request. */
  ticketOf: (requestId: string) => string | undefined;
  members: { userId: string; name: string }[];
  supportUsers: { userId: string; tickets: string[] }[];
}

/**
 * Who the ids in the log are, from what the person may read: colleagues' names (users:view) and the
 * tickets of the institute's support access requests. The log itself holds ids only.
 */
export function useNames(tenantId: string): Names {
  const canViewMembers = useCan('users', 'view');
  const members = useMembers(tenantId, { enabled: canViewMembers });
  const requests = useSupportAccess(tenantId, { limit: KNOWN_REQUESTS });
  const byId = new Map((members.data ?? []).map((m) => [m.userId, m.name]));
  const tickets = new Map<string, string[]>();
  const requestTicket = new Map<string, string>();
  for (const request of requests.data?.items ?? []) {
    requestTicket.set(request.id, request.ticketId);
    const known = tickets.get(request.supportUserId) ?? [];
    if (!known.includes(request.ticketId)) tickets.set(request.supportUserId, [...known, request.ticketId]);
  }
  return {
    member: (userId) => byId.get(userId),
    membersKnown: members.isSuccess,
    supportTickets: (userId) => tickets.get(userId) ?? [],
    ticketOf: (requestId) => requestTicket.get(requestId),
    members: (members.data ?? []).map(({ userId, name }) => ({ userId, name })),
    supportUsers: [...tickets].map(([userId, list]) => ({ userId, tickets: list })),
  };
}

/** The actor of an entry in words. */
export function useActorName(names: Names) {
  const { t } = useTranslation();
  return (actor: AuditLogEntry['actor']): string => {
    if (actor.kind === 'system' || !actor.userId) return t('admin.auditLog.actor.system');
    if (actor.kind === 'support') {
      const tickets = names.supportTickets(actor.userId);
      return tickets.length ? t('admin.auditLog.actor.supportTicket', { tickets: tickets.join(', ') }) : t('admin.auditLog.actor.support');
    }
    return names.member(actor.userId) ?? (names.membersKnown ? t('admin.auditLog.actor.formerMember') : t('admin.auditLog.actor.member'));
  };
}
