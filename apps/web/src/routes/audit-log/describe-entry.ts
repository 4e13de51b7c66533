import { SUPPORT_REFUSAL_REASONS, supportApi, type Module, type Role, type SupportRefusalReason } from '@homi/contracts';
import { useTranslation } from 'react-i18next';
import type { AuditLogEntry } from '../../api/audit-log';
import { formatDuration } from '../../format';
import type { Names } from './names';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const KNOWN = new Set<string>(supportApi.AUDIT_ACTION_NAMES);

/** An entry's action and its particulars in words, from the ids and codes its details hold. */
export function useDescribeEntry(names: Names) {
  const { t } = useTranslation();
  const person = (userId: string) => names.member(userId) ?? (names.membersKnown ? t('admin.auditLog.actor.formerMember') : t('admin.auditLog.actor.member'));
  return (entry: AuditLogEntry): { what: string; details: string[] } => {
    const d = entry.details;
    const what = KNOWN.has(entry.action)
      ? t(`admin.auditLog.actions.${entry.action as supportApi.AuditAction}`)
      : t('admin.auditLog.actions.unknown', { action: entry.action });
    const details: string[] = [];
    const subject = str(d.userId);
    if (subject && entry.action.startsWith('member.') && subject !== entry.actor.userId) details.push(t('admin.auditLog.detail.subject', { name: person(subject) }));
    const role = str(d.role);
    if (role && entry.action.startsWith('member.')) details.push(t('admin.auditLog.detail.role', { role: t(`admin.roles.${role as Role}`) }));
    if (Array.isArray(d.modules) && typeof d.durationMinutes === 'number') {
      details.push(t('admin.auditLog.detail.scope', {
        modules: (d.modules as Module[]).map((m) => t(`admin.modules.${m}`)).join(', '),
        mode: t(`admin.supportAccess.modes.${d.mode === 'write' ? 'write' : 'read'}`),
        duration: formatDuration(d.durationMinutes),
      }));
    }
    const ticket = str(d.ticketId) ?? str(d.ticket) ?? names.ticketOf(str(d.requestId) ?? str(d.supportRequestId) ?? '');
    if (ticket) details.push(t('admin.auditLog.detail.ticket', { ticket }));
    const method = str(d.method);
    const route = str(d.route);
    if (method && route) details.push(t('admin.auditLog.detail.call', { method, route }));
    const reason = str(d.reason);
    if (entry.action === supportApi.AUDIT_ACTIONS.supportRefused && reason && (SUPPORT_REFUSAL_REASONS as readonly string[]).includes(reason)) {
      details.push(t(`admin.auditLog.refusals.${reason as SupportRefusalReason}`));
    }
    if (typeof d.repeats === 'number' && d.repeats > 1) details.push(t('admin.auditLog.detail.repeats', { count: d.repeats }));
    return { what, details };
  };
}
