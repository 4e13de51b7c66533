import { createContext, useContext, type ReactNode } from 'react';
import type { Membership } from '../api/me';

const TenantContext = createContext<Membership | undefined>(undefined);

/** The institute a page works in: the signed-in person's membership of it (role, module permissions). */
export function TenantProvider({ membership, children }: { membership: Membership; children: ReactNode }) {
  return <TenantContext.Provider value={membership}>{children}</TenantContext.Provider>;
}

/** The membership of the institute in the URL; only inside /t/$tenantId. */
export function useTenant(): Membership {
  const membership = useContext(TenantContext);
  if (!membership) throw new Error('useTenant is only available inside an institute (/t/$tenantId)');
  return membership;
}

/** The membership, or undefined outside an institute (the shell's navigation uses it). */
export const useOptionalTenant = (): Membership | undefined => useContext(TenantContext);
