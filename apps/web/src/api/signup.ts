import { useMutation } from '@tanstack/react-query';
import type { identityApi } from '@homi/contracts';
import { api } from './client';

/** Signs up a person and their institute (public); the person then signs in at the issuer. */
export function useSignup() {
  return useMutation({ mutationFn: (body: identityApi.Signup) => api.post<identityApi.SignupResult>('/signup', body) });
}
