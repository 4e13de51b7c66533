import { isCalendarDate, type CalendarDate } from './zoned-time';

export type AgendaView = 'day' | 'week';

/**
 * The agenda's place, in its URL so the back button and a bookmark work: the view, the day shown,
 * and a client to book for (from their card; an id, as URLs only ever hold). Each is optional: the
 * default is today, in the week view on a wide screen and the day view on a phone.
 */
export interface AgendaSearch {
  view?: AgendaView;
  date?: CalendarDate;
  bookFor?: string;
  /** Whose appointments: a colleague's user id, or `none` (booked without one). The week's filter, the phone's column. */
  staff?: string;
}

const CLIENT_ID = /^cli_[0-9A-Za-z]{8,40}$/;
/**
 * A user id (`usr_…` or a Keycloak UUID, as the contracts' userId) or `none`: an id, never a name.
 * A pattern rather than the contracts' schema: the router validates this eagerly, and zod stays out of the sign-in page.
 */
const STAFF = /^(none|usr_[0-9A-Za-z]{8,40}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const isStaffKey = (value: unknown): value is string => typeof value === 'string' && STAFF.test(value);

export function validateAgendaSearch(search: Record<string, unknown>): AgendaSearch {
  return {
    view: search.view === 'day' || search.view === 'week' ? search.view : undefined,
    date: isCalendarDate(search.date) ? search.date : undefined,
    bookFor: typeof search.bookFor === 'string' && CLIENT_ID.test(search.bookFor) ? search.bookFor : undefined,
    staff: isStaffKey(search.staff) ? search.staff : undefined,
  };
}
