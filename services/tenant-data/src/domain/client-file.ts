import { createHash } from 'node:crypto';
import { tenantDataApi, type common } from '@homi/contracts';
import type { z } from 'zod';

// What a client file's columns mean (ADR 49): the header names salon systems export, Dutch and English.

type Field =
  | 'name' | 'firstName' | 'infix' | 'lastName' | 'email' | 'phone' | 'dateOfBirth'
  | 'address' | 'street' | 'houseNumber' | 'postcode' | 'city' | 'country' | 'notes';

const HEADER_NAMES: Record<Field, string[]> = {
  name: ['naam', 'name', 'volledigenaam', 'fullname', 'klant', 'klantnaam', 'clientname', 'customername'],
  firstName: ['voornaam', 'firstname', 'givenname', 'roepnaam', 'first'],
  infix: ['tussenvoegsel', 'tussenvoegsels', 'infix'],
  lastName: ['achternaam', 'lastname', 'surname', 'familyname', 'familienaam', 'last'],
  email: ['email', 'emailadres', 'emailaddress', 'mail', 'mailadres'],
  phone: ['telefoon', 'telefoonnummer', 'tel', 'phone', 'phonenumber', 'mobiel', 'mobielnummer', 'mobile', 'mobilephone', 'gsm'],
  dateOfBirth: ['geboortedatum', 'dateofbirth', 'birthdate', 'birthday', 'dob', 'verjaardag'],
  address: ['adres', 'address', 'straatenhuisnummer', 'streetaddress'],
  street: ['straat', 'straatnaam', 'street'],
  houseNumber: ['huisnummer', 'housenumber', 'nummer', 'number'],
  postcode: ['postcode', 'zip', 'zipcode', 'postalcode'],
  city: ['plaats', 'woonplaats', 'city', 'town', 'stad'],
  country: ['land', 'country'],
  notes: ['notities', 'notitie', 'opmerkingen', 'opmerking', 'notes', 'note', 'comments', 'comment', 'memo'],
};

const FIELD_OF = new Map<string, Field>(
  (Object.entries(HEADER_NAMES) as [Field, string[]][]).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
);

/** "E-mail adres" → "emailadres": case, accents, spaces and punctuation do not matter. */
const headerKey = (cell: string) =>
  cell.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Which column holds which field; the first column of a field wins. */
export interface ClientFileColumns {
  index: Partial<Record<Field, number>>;
  /** Header cells that name no known field (header names only, no personal data). */
  ignored: string[];
  width: number;
}

/** Reads the header row, or says which columns are missing: a name, or a first or last name. */
export function readHeader(cells: string[]): ClientFileColumns | { missing: string[] } {
  const index: ClientFileColumns['index'] = {};
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const field = FIELD_OF.get(headerKey(cell));
    if (field === undefined) {
      if (cell.trim() !== '') ignored.push(cell.trim().slice(0, 100));
    } else if (index[field] === undefined) index[field] = i;
  });
  const hasName = index.name !== undefined || index.firstName !== undefined || index.lastName !== undefined;
  return hasName ? { index, ignored, width: cells.length } : { missing: ['name (or first name and last name)'] };
}

export type ParsedRow =
  | { kind: 'blank' }
  | { kind: 'client'; input: tenantDataApi.CreateClient; key: string }
  | { kind: 'invalid'; reasons: tenantDataApi.ClientImportReason[] };

/** 31-12-1980, 31/12/1980, 31.12.1980 and 1980-12-31 → 1980-12-31; undefined for anything else or no real date. */
export function parseDutchOrIsoDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value) ?? /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = m[1]!.length === 4 ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

const COUNTRIES: Record<string, string> = {
  nederland: 'NL', netherlands: 'NL', holland: 'NL', nl: 'NL', belgie: 'BE', belgium: 'BE', be: 'BE', duitsland: 'DE', germany: 'DE', de: 'DE',
};

/** "Hoofdstraat 12a" → street and house number. */
const STREET_AND_NUMBER = /^(.*?[^\d\s])\s+(\d+(?:\s*[-/]?\s*[A-Za-z0-9]{1,6})?)$/;

type Address = z.input<typeof common.address>;

function addressOf(get: (f: Field) => string): Address | undefined | 'invalid' {
  const parts = { combined: get('address'), street: get('street'), houseNumber: get('houseNumber'), postcode: get('postcode'), city: get('city'), country: get('country') };
  if (Object.values(parts).every((v) => v === '')) return undefined;
  let { street, houseNumber } = parts;
  if (parts.combined !== '' && street === '') {
    const m = STREET_AND_NUMBER.exec(parts.combined);
    if (!m) return 'invalid';
    [street, houseNumber] = [m[1]!, houseNumber || m[2]!];
  }
  const country = parts.country === '' ? 'NL' : (COUNTRIES[headerKey(parts.country)] ?? parts.country.toUpperCase());
  return { street, houseNumber, postcode: parts.postcode, city: parts.city, country };
}

// The file carries no consent to appointment mails (ADR 53): an imported client is asked again.
const REASON_OF_FIELD: Partial<Record<keyof tenantDataApi.CreateClient, tenantDataApi.ClientImportReason>> = {
  name: 'invalid-name', email: 'invalid-email', phone: 'invalid-phone', dateOfBirth: 'invalid-date', address: 'invalid-address', notes: 'invalid-notes',
};

/**
 * One data row as a client to create, by the same rules as `POST …/clients` (contracts'
 * CreateClient), or every reason it cannot be one. `key` names the row whatever its spelling:
 * a hash of the validated, normalised fields, so the same client in the same file imports once.
 */
export function parseRow(cells: string[], columns: ClientFileColumns): ParsedRow {
  if (cells.every((c) => c.trim() === '')) return { kind: 'blank' };
  const get = (f: Field) => {
    const i = columns.index[f];
    return i === undefined ? '' : (cells[i] ?? '').trim().replace(/\s+/g, ' ');
  };
  const reasons = new Set<tenantDataApi.ClientImportReason>();
  if (cells.slice(columns.width).some((c) => c.trim() !== '')) reasons.add('too-many-fields');
  const name = get('name') || [get('firstName'), get('infix'), get('lastName')].filter((p) => p !== '').join(' ');
  if (name === '') reasons.add('missing-name');
  const dobText = get('dateOfBirth');
  const dateOfBirth = dobText === '' ? undefined : parseDutchOrIsoDate(dobText);
  if (dobText !== '' && dateOfBirth === undefined) reasons.add('invalid-date');
  const address = addressOf(get);
  if (address === 'invalid') reasons.add('invalid-address');
  const candidate = {
    name,
    email: get('email') || undefined,
    phone: get('phone') || undefined,
    dateOfBirth,
    address: address === 'invalid' ? undefined : address,
    notes: (columns.index.notes === undefined ? '' : (cells[columns.index.notes] ?? '').replace(/\r\n?/g, '\n').trim()) || undefined,
  };
  const parsed = tenantDataApi.CreateClient.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof tenantDataApi.CreateClient;
      if (!(field === 'name' && reasons.has('missing-name'))) reasons.add(REASON_OF_FIELD[field] ?? 'invalid-name');
    }
  }
  if (reasons.size > 0 || !parsed.success) return { kind: 'invalid', reasons: [...reasons] };
  return { kind: 'client', input: parsed.data, key: importKey(parsed.data) };
}

/** The row's natural key: sha256 of its normalised fields, name case and spacing folded. */
export function importKey(input: tenantDataApi.CreateClient): string {
  const normalised = [
    input.name.toLowerCase(), input.email ?? '', input.phone ?? '', input.dateOfBirth ?? '',
    input.address ? [input.address.street.toLowerCase(), input.address.houseNumber.toLowerCase(), input.address.postcode, input.address.city.toLowerCase(), input.address.country] : [],
    input.notes ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}
