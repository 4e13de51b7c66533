import { useState } from 'react';
import { Pagination } from './table';

/** The pages walked through a cursor-paged list, kept in memory (a cursor never goes into the URL). */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    /** 1-based. */
    page: cursors.length,
    /** The cursor of the page shown (undefined: the first). */
    cursor: cursors.at(-1),
    next: (cursor: string) => setCursors((list) => [...list, cursor]),
    previous: () => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)),
    /** Back to the first page (a filter changed). */
    reset: () => setCursors([undefined]),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/** Previous / next for a list paged by useCursorPages, given the page's `nextCursor`. */
export function CursorPagination({ pages, nextCursor, busy }: { pages: CursorPages; nextCursor?: string | null; busy?: boolean }) {
  return (
    <Pagination
      page={pages.page}
      hasPrevious={pages.page > 1}
      hasNext={Boolean(nextCursor)}
      onPrevious={pages.previous}
      onNext={() => nextCursor && pages.next(nextCursor)}
      busy={busy}
    />
  );
}
