/**
 * A client file as a Dutch salon system exports it (BOM, `;`, dd-mm-yyyy) with `rows` data rows, 3 %
 * of them bad in known ways: every 100 rows one without a name, one with a broken e-mail address, and
 * alternately one with an impossible date or a copy of the row before. `bad` is the report expected.
 */
export function clientFile(rows: number) {
  const lines = ['Voornaam;Achternaam;E-mail;Telefoon;Geboortedatum;Adres;Postcode;Plaats;Notities'];
  const bad: { row: number; reasons: string[] }[] = [];
  const good = (i: number) =>
    [`Klant${i}`, `Jansen`, `klant${i}@example.nl`, `06${String(10_000_000 + i).slice(-8)}`, `${String((i % 28) + 1).padStart(2, '0')}-0${(i % 9) + 1}-19${50 + (i % 50)}`,
      `Hoofdstraat ${(i % 300) + 1}`, '1234 AB', 'Utrecht', i % 10 === 0 ? '"allergisch voor noten; let op"' : ''];
  let previous = '';
  for (let i = 0; i < rows; i++) {
    const row = i + 2;
    const cells = good(i);
    if (i % 100 === 7) {
      [cells[0], cells[1]] = ['', ''];
      bad.push({ row, reasons: ['missing-name'] });
    } else if (i % 100 === 42) {
      cells[2] = `klant${i}-at-example.nl`;
      bad.push({ row, reasons: ['invalid-email'] });
    } else if (i % 200 === 77) {
      cells[4] = '31-02-1990';
      bad.push({ row, reasons: ['invalid-date'] });
    } else if (i % 200 === 177) {
      bad.push({ row, reasons: ['duplicate-in-file'] });
    }
    const line = i % 200 === 177 ? previous : cells.join(';');
    lines.push(line);
    previous = line;
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, bad };
}
