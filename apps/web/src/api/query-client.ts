import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiProblem, type ApiProblem } from './problem';

/** Problems the whole app reacts to in one place, wherever they come from (main.tsx wires it). */
export type ProblemListener = (problem: ApiProblem) => void;

const RETRIED_STATUSES = new Set([0, 502, 503, 504]);

export function createQueryClient(onProblem: ProblemListener = () => {}): QueryClient {
  const notify = (error: unknown) => {
    if (isApiProblem(error)) onProblem(error);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: notify }),
    mutationCache: new MutationCache({ onError: notify }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Only what may pass by itself is retried: no answer, or a service briefly away. Never a 4xx.
        retry: (failures, error) => failures < 2 && isApiProblem(error) && RETRIED_STATUSES.has(error.status),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
