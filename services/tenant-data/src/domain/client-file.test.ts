import { parseDutchOrIsoDate, parseRow, readHeader, type ClientFileColumns } from './client-file';

const columns = (header: string) => readHeader(header.split(';')) as ClientFileColumns;

describe('client file rows', () => {
  it('reads Dutch and ISO dates and refuses dates that do not exist', () => {
    expect(parseDutchOrIsoDate('31-12-1980')).toBe('1980-12-31');
    expect(parseDutchOrIsoDate('1/2/1990')).toBe('1990-02-01');
    expect(parseDutchOrIsoDate('1980-12-31')).toBe('1980-12-31');
    expect(parseDutchOrIsoDate('31-02-1990')).toBeUndefined();
    expect(parseDutchOrIsoDate('12/31/1980')).toBeUndefined();
    expect(parseDutchOrIsoDate('gisteren')).toBeUndefined();
  });

  it('knows header names whatever their case, accents or punctuation, and needs a name column', () => {
    expect(columns('VOORNAAM;Achter-naam;E-mail adres;Géboortedatum;Kleur').index).toEqual({ firstName: 0, lastName: 1, email: 2, dateOfBirth: 3 });
    expect(columns('Naam;Kleur').ignored).toEqual(['Kleur']);
    expect(readHeader(['E-mail', 'Telefoon'])).toEqual({ missing: ['name (or first name and last name)'] });
  });

  it('builds the name from its parts and gives the same key to the same client spelled differently', () => {
    const c = columns('Voornaam;Tussenvoegsel;Achternaam;E-mail');
    const a = parseRow(['Anna', 'de', 'Vries', 'Anna@Example.nl'], c);
    const b = parseRow([' anna ', 'DE', 'vries', 'anna@example.nl '], c);
    expect(a).toMatchObject({ kind: 'client', input: { name: 'Anna de Vries', email: 'anna@example.nl' } });
    expect(a.kind === 'client' && b.kind === 'client' && a.key === b.key).toBe(true);
  });

  it('gives every reason of a bad row, and skips blank rows', () => {
    const c = columns('Naam;E-mail;Geboortedatum;Postcode');
    expect(parseRow(['', 'nope', '30-02-2000', '12'], c)).toEqual({ kind: 'invalid', reasons: ['missing-name', 'invalid-date', 'invalid-email', 'invalid-address'] });
    expect(parseRow(['Anna', '', '', '', 'extra'], c)).toEqual({ kind: 'invalid', reasons: ['too-many-fields'] });
    expect(parseRow(['', ' ', ''], c)).toEqual({ kind: 'blank' });
  });
});
