import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AuthController, AuthState } from './auth';

const AuthContext = createContext<AuthController | undefined>(undefined);

export function AuthProvider({ auth, children }: { auth: AuthController; children: ReactNode }) {
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

/** The sign-in controller (signIn, signOut, roles). */
export function useAuth(): AuthController {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthProvider');
  return auth;
}

/** The current sign-in state; re-renders when it changes. */
export function useAuthState(): AuthState {
  const auth = useAuth();
  return useSyncExternalStore(auth.subscribe, auth.getState);
}
