import type { TicketSide, TicketStatus as Status } from '@homi/contracts';
import { Badge } from '../../ui';
import { STATUS_TONE, useTicketLabels } from './labels';

/** The ticket's status as a badge, in the words of the side reading it; its text says it. */
export function TicketStatus({ status, side }: { status: Status; side?: TicketSide }) {
  return <Badge tone={STATUS_TONE[status]}>{useTicketLabels().status(status, side)}</Badge>;
}
