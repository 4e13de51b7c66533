import { z } from 'zod';
import { AppError } from '@homi/service-kit';

/** A page of tickets continues after this one: newest first, by creation time then id. */
export interface TicketCursor {
  createdAt: string;
  id: string;
}

const Shape = z.strictObject({ c: z.iso.datetime(), i: z.string().regex(/^tkt_[0-9A-Za-z]{8,40}$/) });

export const cursorAfter = (ticket: { createdAt: Date; id: string }): string =>
  Buffer.from(JSON.stringify({ c: ticket.createdAt.toISOString(), i: ticket.id })).toString('base64url');

/** The position a cursor names; a cursor this service did not hand out is a 400 problem. */
export function readCursor(cursor: string | undefined): TicketCursor | undefined {
  if (!cursor) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = Shape.safeParse(decoded);
  if (!parsed.success) {
    throw new AppError('invalid', 'This cursor was not handed out by this list.', { type: 'invalid-cursor', errors: [{ path: 'cursor', message: 'must come from a previous page' }] });
  }
  return { createdAt: parsed.data.c, id: parsed.data.i };
}
