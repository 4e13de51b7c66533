import { Navigate, Outlet } from '@tanstack/react-router';
import { useAuthState } from '../../auth/auth-context';

/** Everything that needs a session: when it ends (signed out elsewhere, renewal refused), back to the start page. */
export function SignedInLayout() {
  const state = useAuthState();
  if (state.status === 'signed-out') return <Navigate to="/" />;
  return <Outlet />;
}
