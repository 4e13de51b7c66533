import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Membership, Me } from '../api/me';
import { meKeys } from '../api/me';
import type { AuthController, AuthState } from '../auth/auth';
import { AuthProvider } from '../auth/auth-context';
import { i18n } from '../i18n/i18n';
import { TenantProvider } from '../permissions/tenant-context';
import { ToastProvider } from '../ui';
import type { Module, AccessLevel } from '@homi/contracts';

export const TENANT_ID = 'ten_testinstitute01';

/** A membership with the given module levels (everything else none). */
export function membership(permissions: Partial<Record<Module, AccessLevel>> = {}, role: Membership['role'] = 'staff'): Membership {
  const none = { agenda: 'none', clients: 'none', invoicing: 'none', reports: 'none', settings: 'none', users: 'none' } as const;
  return { tenantId: TENANT_ID, instituteName: 'Salon Test', role, permissions: { ...none, ...permissions } };
}

export function me(memberships: Membership[] = [membership()]): Me {
  return {
    id: 'usr_testperson00001', email: 'sam@salon.test', pendingEmail: null, name: 'Sam Staff', phone: null,
    acceptedPrivacyStatementVersion: '2026-01', currentPrivacyStatementVersion: '2026-01', memberships,
    createdAt: '2026-01-01T09:00:00.000Z',
  };
}

/** The sign-in as a component sees it; records what was asked of it. */
export function fakeAuth(state: AuthState = { status: 'signed-in', accessToken: 'token', roles: [] }) {
  const calls: string[] = [];
  const auth: AuthController = {
    getState: () => state,
    subscribe: () => () => {},
    ready: async () => {},
    accessToken: () => (state.status === 'signed-in' ? state.accessToken : undefined),
    signIn: async (returnTo) => void calls.push(`signIn ${returnTo}`),
    reauthenticate: async (returnTo) => void calls.push(`reauthenticate ${returnTo}`),
    addSecurityKey: async (returnTo) => void calls.push(`addSecurityKey ${returnTo}`),
    completeSignIn: async () => '/',
    renew: async () => false,
    signOut: async () => void calls.push('signOut'),
  };
  return { auth, calls };
}

export interface RenderOptions {
  /** The membership pages under /t/$tenantId work with (useTenant, useCan). */
  tenant?: Membership;
  me?: Me;
  auth?: AuthController;
  /** Query data to start with: [key, data] pairs. */
  data?: (readonly [readonly unknown[], unknown])[];
  /** Where the router starts, with its search (default `/`). */
  path?: string;
}

/** Renders `ui` inside the app's providers and a router (so Links work), as a page would be. */
export function renderInApp(ui: ReactNode, options: RenderOptions = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  if (options.me) queryClient.setQueryData(meKeys.all, options.me);
  for (const [key, value] of options.data ?? []) queryClient.setQueryData(key, value);
  const content = options.tenant ? <TenantProvider membership={options.tenant}>{ui}</TenantProvider> : ui;
  const rootRoute = createRootRoute({ component: () => content, notFoundComponent: () => null });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: [options.path ?? '/'] }) });
  const auth = options.auth ?? fakeAuth().auth;
  const result = render(
    <I18nextProvider i18n={i18n}>
      <AuthProvider auth={auth}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <RouterProvider router={router as never} />
          </ToastProvider>
        </QueryClientProvider>
      </AuthProvider>
    </I18nextProvider>,
  );
  return { ...result, queryClient, router };
}

/** A fetch stand-in for the browser's network: answers each call with the next response, records requests. */
export function fakeNetwork(...responses: (Response | (() => Response))[]) {
  const requests: { url: string; method: string; headers: Headers; body?: unknown }[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    requests.push({
      url: String(input), method: init.method ?? 'GET', headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const next = responses.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return typeof next === 'function' ? next() : next;
  };
  return { fetch, requests };
}

export const problemResponse = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problemType = (code: string) => `https://docs.homi.nl/problems/${code}`;
