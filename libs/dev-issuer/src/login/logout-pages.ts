import type { KoaContextWithOIDC } from 'oidc-provider';
import { WEB_CLIENT_ID } from '../types';
import { escapeHtml, layout, pageSecurityHeaders } from './page';
import { languageOf, TEXTS } from './texts';

const setHeaders = (ctx: KoaContextWithOIDC, formTargets: string[]) => {
  for (const [name, value] of Object.entries(pageSecurityHeaders(formTargets))) ctx.set(name, value);
};
const languageOfCtx = (ctx: KoaContextWithOIDC) => languageOf(undefined, ctx.oidc.params?.ui_locales);

/**
 * oidc-provider's RP-initiated logout pages in HOMi's looks. A sign-out that homi-web asked for (its
 * id_token_hint names it) is not confirmed — as Keycloak does with a valid hint — the page submits
 * itself; any other asks first.
 */
export function logoutPages(formTargets: string[]) {
  return {
    logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
      const language = languageOfCtx(ctx);
      const t = TEXTS[language];
      setHeaders(ctx, formTargets);
      const firstParty = ctx.oidc.client?.clientId === WEB_CLIENT_ID;
      // oidc-provider's form: <form id="op.logoutForm" method="post" action="…"><input xsrf…></form>
      const confirmed = form.replace('<form ', firstParty ? '<form data-autosubmit ' : '<form ').replace(
        '</form>', `${firstParty ? '<input type="hidden" name="logout" value="yes">' : ''}</form>`,
      );
      ctx.body = firstParty
        ? layout(language, t.logoutTitle, `<h1>${t.loggingOut}</h1>${confirmed.replace('</form>', `<noscript><button type="submit">${t.continue}</button></noscript></form>`)}`, { script: 'submit.js' })
        : layout(language, t.logoutTitle, `<h1>${t.logoutTitle}</h1><p>${t.logoutText}</p>${confirmed}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${t.logoutYes}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t.logoutNo}</button>`);
    },
    postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
      const language = languageOfCtx(ctx);
      const t = TEXTS[language];
      setHeaders(ctx, formTargets);
      ctx.body = layout(language, t.loggedOutTitle, `<h1>${t.loggedOutTitle}</h1><p>${t.loggedOutText}</p>`);
    },
    renderError: async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      const language = languageOfCtx(ctx);
      const t = TEXTS[language];
      setHeaders(ctx, formTargets);
      ctx.type = 'html';
      ctx.body = layout(language, t.errorTitle, `<h1>${t.errorTitle}</h1><p>${t.expiredText}</p><p class="hint">${escapeHtml(out.error)}${
        out.error_description ? `: ${escapeHtml(out.error_description)}` : ''}</p>`);
    },
  };
}
