/**
 * The web application's Content-Security-Policy: nothing inline, scripts and styles only from the
 * gateway's own origin, the issuer reachable for the token calls (connect), the silent renewal
 * (frame) and the login form's post (form-action). `frameAncestors` is 'none' for every page except
 * the silent-renewal callback, which the app itself frames.
 */
export function webContentSecurityPolicy(issuerOrigin: string, frameAncestors: "'none'" | "'self'" = "'none'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    `connect-src 'self' ${issuerOrigin}`,
    // The silent renewal's iframe starts at the issuer and comes back to the app's own callback page.
    `frame-src 'self' ${issuerOrigin}`,
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
    "object-src 'none'",
    `form-action 'self' ${issuerOrigin}`,
  ].join('; ');
}
