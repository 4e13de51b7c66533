/** The languages mails are written in; the caller picks the recipient's. */
export const MAIL_LOCALES = ['nl', 'en'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/** What a template says, before it is laid out as text and as HTML. */
export interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** The one thing to do: a button in HTML, the bare URL in text. */
  action?: { label: string; url: string };
  /** A code to paste where a link cannot be followed. */
  code?: { label: string; value: string };
  /** Said after the action: why the mail came, what to do if it was not asked for. */
  afterword?: string[];
  signature: string;
  /** A small link under the signature (an unsubscribe link): its text, then the bare URL in text mails. */
  footerLink?: { label: string; url: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** Plain text and a simple HTML version of the same words; every value is escaped in HTML. */
export function renderMail(content: MailContent): RenderedMail {
  const text = [
    content.greeting,
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.code ? [`${content.code.label}: ${content.code.value}`] : []),
    ...(content.afterword ?? []),
    content.signature,
    ...(content.footerLink ? [`${content.footerLink.label}:\n${content.footerLink.url}`] : []),
  ].join('\n\n');
  const lines = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');
  const p = (s: string) => `<p style="margin:0 0 16px">${lines(s)}</p>`;
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;max-width:560px;margin:0 auto;padding:24px">',
    p(content.greeting),
    ...content.paragraphs.map(p),
    ...(content.action
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#2f6f5e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>`,
          `<p style="margin:0 0 16px;font-size:13px;color:#52606d;word-break:break-all">${escapeHtml(content.action.url)}</p>`,
        ]
      : []),
    ...(content.code
      ? [`<p style="margin:0 0 16px">${escapeHtml(content.code.label)}: <code style="font-size:13px;word-break:break-all">${escapeHtml(content.code.value)}</code></p>`]
      : []),
    ...(content.afterword ?? []).map((s) => `<p style="margin:0 0 16px;font-size:13px;color:#52606d">${lines(s)}</p>`),
    p(content.signature),
    ...(content.footerLink
      ? [`<p style="margin:24px 0 0;font-size:12px;color:#52606d"><a href="${escapeHtml(content.footerLink.url)}" style="color:#52606d">${escapeHtml(content.footerLink.label)}</a></p>`]
      : []),
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}

/** A date and time as a person in the Netherlands reads it, in the mail's language. */
export function formatMoment(at: Date, locale: MailLocale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(at);
}

/** The mail language an HTTP request asks for with `Accept-Language` (an Express request has `acceptsLanguages`): en or else nl. */
export const mailLocaleOf = (req: { acceptsLanguages(...languages: string[]): string | false }): MailLocale =>
  req.acceptsLanguages('nl', 'en') === 'en' ? 'en' : 'nl';
