import { useAuthState } from '../../auth/auth-context';
import { subjectOf } from '../../auth/claims';

/** The support user's own id (the token's subject): taking a ticket names it. HOMi staff have no /me. */
export function useOwnId(): string | undefined {
  const state = useAuthState();
  return state.status === 'signed-in' ? subjectOf(state.accessToken) : undefined;
}
