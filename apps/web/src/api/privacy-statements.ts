import { useQuery } from '@tanstack/react-query';
import type { identityApi } from '@homi/contracts';
import { api } from './client';

export type PrivacyStatement = identityApi.PrivacyStatement;

export const statementKeys = {
  all: ['privacy-statements'] as const,
  current: () => [...statementKeys.all, 'current'] as const,
  list: () => [...statementKeys.all, 'list'] as const,
};

/** The statement in force (public). */
export function useCurrentStatement() {
  return useQuery({ queryKey: statementKeys.current(), queryFn: () => api.get<PrivacyStatement>('/privacy-statement') });
}

/** Every published statement, newest first (public). */
export function useStatementVersions() {
  return useQuery({
    queryKey: statementKeys.list(),
    queryFn: async () => {
      const { items } = await api.get<{ items: PrivacyStatement[] }>('/privacy-statements');
      return [...items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    },
  });
}
