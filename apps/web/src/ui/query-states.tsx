import type { ReactNode } from 'react';
import { Skeleton } from './loading';
import { PageHeader } from './page-header';
import { ProblemMessage } from './problem-message';

/** What a list or a page needs of a TanStack query to show its waiting and failing states. */
interface QueryState {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A paged list's states: a skeleton while the first page loads, the problem when it failed, `empty`
 * when it has no items, else the items (marked busy while another page loads).
 */
export function PagedListStates({ query, count, skeletonLines, empty, children }: {
  query: QueryState;
  count: number;
  skeletonLines: number;
  empty: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {query.isPending && <Skeleton lines={skeletonLines} />}
      {query.isError && <ProblemMessage problem={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && count === 0 && empty}
      {count > 0 && <div aria-busy={query.isFetching || undefined}>{children}</div>}
    </>
  );
}

/**
 * The page about one thing while its query has not succeeded: the header with the loading title and
 * a skeleton, or the header with the unavailable title and the problem.
 */
export function UnloadedPage({ query, back, loading, unavailable, skeletonLines = 6 }: {
  query: Omit<QueryState, 'isFetching'>;
  back: ReactNode;
  loading: string;
  unavailable: string;
  skeletonLines?: number;
}) {
  if (query.isPending) return <><PageHeader title={loading} back={back} /><Skeleton lines={skeletonLines} /></>;
  return (
    <>
      <PageHeader title={unavailable} back={back} />
      <ProblemMessage problem={query.error} onRetry={() => void query.refetch()} />
    </>
  );
}
