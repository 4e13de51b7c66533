import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import type { AuthController } from '../auth/auth';
import { CALLBACK_PATH } from '../auth/paths';
import { rememberReturnTo } from '../auth/return-to';
import { Loading } from '../ui/loading';
import { validateAgendaSearch } from './agenda/agenda-search';
import { validateNewInvoiceSearch } from './invoicing/new-invoice-search';
import { validateAskSearch } from './support/ask-search';
import { NotFoundPage } from './not-found-page';
import { RootLayout } from './root-layout';

export interface RouterContext {
  auth: AuthController;
  queryClient: QueryClient;
}

// The route tree, in code. Each area's pages load lazily (their own chunks); a route file only
// composes: data comes from src/api/<resource>.ts hooks, looks from src/ui. Ids only in paths.
const rootRoute = createRootRouteWithContext<RouterContext>()({ component: RootLayout, notFoundComponent: NotFoundPage });

const page = <M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) => lazyRouteComponent(load, name);

// Public: the start page (sign in, sign up), the privacy statement, sign-up and the sign-in callback.
const landingRoute = createRoute({
  getParentRoute: () => rootRoute, path: '/', component: page(() => import('./landing/landing-page'), 'LandingPage'),
});
const privacyRoute = createRoute({
  getParentRoute: () => rootRoute, path: '/privacy', component: page(() => import('./privacy/privacy-page'), 'PrivacyPage'),
});
const signupRoute = createRoute({
  getParentRoute: () => rootRoute, path: '/signup', component: page(() => import('./signup/signup-page'), 'SignupPage'),
});
const callbackRoute = createRoute({
  getParentRoute: () => rootRoute, path: CALLBACK_PATH, component: page(() => import('./auth/callback-page'), 'CallbackPage'),
});

// Mailed links (public: the code is in the fragment; each page asks for a sign-in where it needs one).
const invitationRoute = createRoute({
  getParentRoute: () => rootRoute, path: '/invitations/accept', component: page(() => import('./invitations/accept-invitation-page'), 'AcceptInvitationPage'),
});
const emailConfirmationRoute = createRoute({
  getParentRoute: () => rootRoute, path: '/account/email-confirmation', component: page(() => import('./account/email-confirmation-page'), 'EmailConfirmationPage'),
});
// An appointment mail's unsubscribe link, for the institute's clients (no account): ADR 53.
const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute, path: '/afmelden', component: page(() => import('./unsubscribe/unsubscribe-page'), 'UnsubscribePage'),
});

// Everything below needs a session; a signed-out visitor goes to the start page and returns after signing in.
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    await context.auth.ready();
    if (context.auth.getState().status !== 'signed-in') {
      rememberReturnTo(location.href);
      throw redirect({ to: '/' });
    }
  },
  component: page(() => import('./shell/signed-in-layout'), 'SignedInLayout'),
});
const statementRoute = createRoute({
  getParentRoute: () => signedInRoute, path: '/statement', component: page(() => import('./statement/accept-statement-page'), 'AcceptStatementPage'),
});
const shellRoute = createRoute({
  getParentRoute: () => signedInRoute, id: 'shell', component: page(() => import('./shell/app-shell'), 'AppShell'),
});
const startRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/start', component: page(() => import('./shell/start-page'), 'StartPage'),
});

// The person's own account and the privacy requests they made (about themselves, or for an institute).
const accountRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/account', component: page(() => import('./account/account-page'), 'AccountPage'),
});
const deleteAccountRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/account/delete', component: page(() => import('./account/delete-account-page'), 'DeleteAccountPage'),
});
const privacyRequestsRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/privacy-requests', component: page(() => import('./privacy-requests/privacy-requests-page'), 'PrivacyRequestsPage'),
});
const privacyRequestRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/privacy-requests/$requestId', component: page(() => import('./privacy-requests/privacy-request-page'), 'PrivacyRequestPage'),
});
// The record of processing (GDPR art. 30): what every service keeps, readable by everyone signed in.
const dataMapRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/data-map', component: page(() => import('./data-map/data-map-page'), 'DataMapPage'),
});

// One institute: /t/$tenantId/… (the membership decides what shows; see useCan).
const tenantRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/t/$tenantId', component: page(() => import('./tenant/tenant-layout'), 'TenantLayout'),
});
const tenantHomeRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/', component: page(() => import('./tenant/tenant-home'), 'TenantHome'),
});
const clientsRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/clients', component: page(() => import('./clients/clients-page'), 'ClientsPage'),
});
const newClientRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/clients/new', component: page(() => import('./clients/new-client-page'), 'NewClientPage'),
});
const importClientsRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/clients/import', component: page(() => import('./clients/import-clients-page'), 'ImportClientsPage'),
});
const clientRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/clients/$clientId', component: page(() => import('./clients/client-card-page'), 'ClientCardPage'),
});
const editClientRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/clients/$clientId/edit', component: page(() => import('./clients/edit-client-page'), 'EditClientPage'),
});
const agendaRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/agenda', validateSearch: validateAgendaSearch,
  component: page(() => import('./agenda/agenda-page'), 'AgendaPage'),
});
const appointmentRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/agenda/$appointmentId', component: page(() => import('./agenda/appointment-page'), 'AppointmentPage'),
});
const treatmentsRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/treatments', component: page(() => import('./treatments/treatments-page'), 'TreatmentsPage'),
});

// The institute's administration: its own details, colleagues, support access, the audit log, usage figures.
const instituteRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/institute', component: page(() => import('./institute/institute-page'), 'InstitutePage'),
});
const colleaguesRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/colleagues', component: page(() => import('./colleagues/colleagues-page'), 'ColleaguesPage'),
});
const inviteRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/colleagues/invite', component: page(() => import('./colleagues/invite-page'), 'InvitePage'),
});
const memberRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/colleagues/$userId', component: page(() => import('./colleagues/member-page'), 'MemberPage'),
});
const supportAccessRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/support-access', component: page(() => import('./support-access/support-access-page'), 'SupportAccessPage'),
});
const auditLogRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/audit-log', component: page(() => import('./audit-log/audit-log-page'), 'AuditLogPage'),
});
const instituteExportRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/export', component: page(() => import('./institute-export/institute-export-page'), 'InstituteExportPage'),
});
const usageRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/usage', component: page(() => import('./usage/usage-page'), 'UsagePage'),
});
// Invoicing through FactuurSturen: the invoices, a new one (for a client or an appointment), the connection.
const invoicesRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/invoicing', component: page(() => import('./invoicing/invoices-page'), 'InvoicesPage'),
});
const newInvoiceRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/invoicing/new', validateSearch: validateNewInvoiceSearch,
  component: page(() => import('./invoicing/new-invoice-page'), 'NewInvoicePage'),
});
const factuurSturenRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/invoicing/factuursturen', component: page(() => import('./invoicing/factuursturen-page'), 'FactuurSturenPage'),
});
const invoiceRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/invoicing/$invoiceId', component: page(() => import('./invoicing/invoice-page'), 'InvoicePage'),
});
// Asking HOMi support for help (any member: no module governs tickets, ADR 41).
const helpRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/help', component: page(() => import('./help/help-page'), 'HelpPage'),
});
const newTicketRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/help/new', component: page(() => import('./help/new-ticket-page'), 'NewTicketPage'),
});
const ticketRoute = createRoute({
  getParentRoute: () => tenantRoute, path: '/help/$ticketId', component: page(() => import('./help/ticket-page'), 'TicketPage'),
});
const helpRoutes = [helpRoute, newTicketRoute, ticketRoute];
const invoicingRoutes = [invoicesRoute, newInvoiceRoute, factuurSturenRoute, invoiceRoute];
const adminRoutes = [instituteRoute, colleaguesRoute, inviteRoute, memberRoute, supportAccessRoute, auditLogRoute, usageRoute, instituteExportRoute];

// HOMi staff (realm roles): support's console (inside an institute it works under /t/$tenantId with a
// grant, see TenantLayout) and the operator's pages.
const supportConsoleRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/support', component: page(() => import('./support/support-console-page'), 'SupportConsolePage'),
});
const askAccessRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/support/new', validateSearch: validateAskSearch,
  component: page(() => import('./support/ask-access-page'), 'AskAccessPage'),
});
const publishStatementRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/operator/privacy-statement', component: page(() => import('./operator/publish-statement-page'), 'PublishStatementPage'),
});
const platformUsageRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/operator/usage', component: page(() => import('./operator/platform-usage-page'), 'PlatformUsagePage'),
});
const deskRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/support/tickets', component: page(() => import('./support-desk/desk-page'), 'DeskPage'),
});
const deskTicketRoute = createRoute({
  getParentRoute: () => shellRoute, path: '/support/tickets/$ticketId', component: page(() => import('./support-desk/desk-ticket-page'), 'DeskTicketPage'),
});
const staffRoutes = [supportConsoleRoute, askAccessRoute, deskRoute, deskTicketRoute, publishStatementRoute, platformUsageRoute];

export const routeTree = rootRoute.addChildren([
  landingRoute,
  privacyRoute,
  signupRoute,
  callbackRoute,
  invitationRoute,
  emailConfirmationRoute,
  unsubscribeRoute,
  signedInRoute.addChildren([
    statementRoute,
    shellRoute.addChildren([startRoute, accountRoute, deleteAccountRoute, privacyRequestsRoute, privacyRequestRoute, dataMapRoute, ...staffRoutes, tenantRoute.addChildren([tenantHomeRoute, clientsRoute, newClientRoute, importClientsRoute, clientRoute, editClientRoute, agendaRoute, appointmentRoute, treatmentsRoute, ...invoicingRoutes, ...adminRoutes, ...helpRoutes])]),
  ]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPendingComponent: () => <Loading />,
    defaultPendingMs: 150,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
