import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { I18nextProvider } from 'react-i18next';
import type { AuthController } from './auth/auth';
import { AuthProvider } from './auth/auth-context';
import { i18n } from './i18n/i18n';
import type { createAppRouter } from './routes/router';
import { ToastProvider } from './ui';

export interface AppProps {
  auth: AuthController;
  queryClient: QueryClient;
  router: ReturnType<typeof createAppRouter>;
}

/** The providers every page relies on, around the router. */
export function App({ auth, queryClient, router }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <AuthProvider auth={auth}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </QueryClientProvider>
      </AuthProvider>
    </I18nextProvider>
  );
}
