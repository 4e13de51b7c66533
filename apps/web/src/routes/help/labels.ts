import type { TicketCategory, TicketSide, TicketStatus } from '@homi/contracts';
import { useTranslation } from 'react-i18next';
import type { BadgeTone } from '../../ui';

/** Open asks for support, waiting asks for the institute, solved and closed are done. */
export const STATUS_TONE: Record<TicketStatus, BadgeTone> = { open: 'brand', 'waiting-for-customer': 'warning', solved: 'success', closed: 'neutral' };

/** The ticket's words in the person's language: its category and status. */
export function useTicketLabels() {
  const { t } = useTranslation();
  return {
    category: (category: TicketCategory) => t(`help.categories.${category}`),
    /** Support reads `waiting-for-customer` as waiting for the institute, the institute as waiting for them. */
    status: (status: TicketStatus, side: TicketSide = 'institute') => t(side === 'support' ? `help.desk.statuses.${status}` : `help.statuses.${status}`),
  };
}

/** What the status filter offers: the ongoing tickets, the closed ones, or all. */
export type StatusChoice = 'active' | 'closed' | 'all';

export const STATUSES_OF: Record<StatusChoice, readonly TicketStatus[] | undefined> = {
  active: ['open', 'waiting-for-customer', 'solved'],
  closed: ['closed'],
  all: undefined,
};
