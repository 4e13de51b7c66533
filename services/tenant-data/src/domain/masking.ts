/**
 * Contact details shown to someone without clients:view: enough to recognise, not to contact.
 * `jan.jansen@example.nl` → `j***@e***.nl`, `0612345678` → `06******78`.
 */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  return phone.slice(0, 2) + '*'.repeat(phone.length - 4) + phone.slice(-2);
}
