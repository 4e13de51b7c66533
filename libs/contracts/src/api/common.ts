import { z } from 'zod';

/** Text a person typed: trimmed, no control characters, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), 'must not contain control characters');

export const requiredText = (max: number) => text(max).pipe(z.string().min(1, 'must not be empty'));

export const email = z.string().trim().max(254).pipe(z.email()).transform((v) => v.toLowerCase());
/** Dutch and international numbers: digits with an optional leading +, spaces and dashes allowed. */
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 \-()]{5,20}$/, 'must be a phone number')
  .transform((v) => v.replace(/[ \-()]/g, ''));
export const dutchPostcode = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]{3} ?[A-Za-z]{2}$/, 'must be a Dutch postcode like 1234 AB')
  .transform((v) => `${v.slice(0, 4)} ${v.slice(-2).toUpperCase()}`);
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });

export const address = z.strictObject({
  street: requiredText(200),
  houseNumber: requiredText(20),
  postcode: dutchPostcode,
  city: requiredText(100),
  country: z.string().regex(/^[A-Z]{2}$/).default('NL'),
});

export const pageLimit = z.coerce.number().int().min(1).max(100).default(25);
export const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,512}$/, 'must be a cursor returned by a previous page');

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
