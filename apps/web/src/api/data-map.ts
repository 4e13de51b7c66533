import { useQuery } from '@tanstack/react-query';
import type { privacyApi } from '@homi/contracts';
import type { z } from 'zod';
import { api } from './client';

export type DataMap = z.infer<typeof privacyApi.DataMap>;
export type DataMapOwner = DataMap['owners'][number];
export type DataMapCategory = DataMapOwner['categories'][number];

/** The record of processing (GDPR art. 30), made by privacy from every service's declaration. */
export function useDataMap() {
  return useQuery({ queryKey: ['privacy', 'data-map'], queryFn: () => api.get<DataMap>('/privacy/data-map') });
}
