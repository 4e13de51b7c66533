import { clientFile } from '@homi/testing';
import { client, startPlatformForFile, type Platform } from './platform';

// Issue 16, item 7, through the gateway: a client file streamed through to tenant-data, dry run,
// import, rerun; refused files; module permissions; another institute's import is 404.
let p: Platform;
startPlatformForFile((started) => (p = started));

const problemType = (body: unknown) => (body as { type?: string }).type?.split('/').at(-1);

async function upload(base: string, token: string, path: string, body: string | Uint8Array, contentType = 'text/csv') {
  const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body })
    .catch((err: Error) => { throw new Error(`${contentType} ${body.length} bytes: ${String(err.cause)}`); });
  return { status: res.status, contentType: res.headers.get('content-type'), location: res.headers.get('location'), body: (await res.json()) as Record<string, unknown> };
}

describe('client file import, end to end', () => {
  it('dry-runs and imports a 10,000-row file with 3 % bad rows through the gateway, and a rerun changes nothing', async () => {
    const { institute, t, owner } = await p.signupReady('Salon Import');
    const file = clientFile(10_000);
    const clientCount = async () => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const page = (await owner.get(`/tenants/${t}/clients?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body as { items: unknown[]; nextCursor: string | null };
        n += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return n;
    };

    const dry = await upload(p.gateway, institute.ownerToken, `/tenants/${t}/client-imports?dryRun=true`, file.csv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ id: null, counts: { rows: 10_000, imported: 9_700, alreadyPresent: 0, invalid: 300 } });
    expect(dry.body.problems).toEqual(file.bad);
    expect((await owner.get(`/tenants/${t}/clients?limit=1`)).body).toMatchObject({ items: [] });

    const done = await upload(p.gateway, institute.ownerToken, `/tenants/${t}/client-imports`, file.csv);
    expect(done.status).toBe(201);
    expect(done.body.counts).toEqual({ rows: 10_000, imported: 9_700, alreadyPresent: 0, invalid: 300 });
    expect(done.location).toBe(`/api/v1/tenants/${t}/client-imports/${done.body.id as string}`);
    expect(await clientCount()).toBe(9_700);

    const again = await upload(p.gateway, institute.ownerToken, `/tenants/${t}/client-imports`, file.csv);
    expect(again.body.counts).toEqual({ rows: 10_000, imported: 0, alreadyPresent: 9_700, invalid: 300 });
    expect(await clientCount()).toBe(9_700);

    const read = await owner.get(`/tenants/${t}/client-imports/${done.body.id as string}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(done.body);
    const other = await p.signup('Elders');
    expect((await client(p.gateway, other.ownerToken).get(`/tenants/${t}/client-imports/${done.body.id as string}`)).status).toBe(404);
    expect((await client(p.gateway, other.ownerToken).get(`/tenants/${other.tenantId}/client-imports/${done.body.id as string}`)).status).toBe(404);
  }, 180_000);

  it('refuses hostile files with a problem and changes nothing; a colleague without clients:edit cannot import', async () => {
    const { institute, t, owner } = await p.signupReady('Salon Vijandig');
    const path = `/tenants/${t}/client-imports`;
    const cases: [string | Uint8Array, string, number, string][] = [
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]), 'text/csv', 400, 'not-csv'],
      ['', 'text/csv', 400, 'empty-file'],
      ['E-mail;Telefoon\nanna@example.nl;0612345678\n', 'text/csv', 400, 'missing-columns'],
      // Refused at the header while megabytes are still on their way: the answer still arrives whole.
      [`E-mail;Telefoon\n${'anna@example.nl;0612345678\n'.repeat(300_000)}`, 'text/csv', 400, 'missing-columns'],
      ['Naam\nAnna\n', 'application/json', 415, 'unsupported-media-type'],
      ['Naam\nAnna\n', 'text/plain', 415, 'unsupported-media-type'],
      [`Naam;Notities\n${`Anna;${'x'.repeat(500)}\n`.repeat(42_000)}`, 'text/csv', 413, 'payload-too-large'],
    ];
    for (const [body, contentType, status, type] of cases) {
      const res = await upload(p.gateway, institute.ownerToken, path, body, contentType);
      expect([res.status, problemType(res.body)]).toEqual([status, type]);
      expect(res.contentType).toMatch(/application\/problem\+json/);
    }
    const viewer = await p.addMember(institute, 'staff', { clients: 'view' });
    const refused = await upload(p.gateway, await p.login(viewer), `${path}?dryRun=true`, 'Naam\nAnna\n');
    expect(refused.status).toBe(403);
    expect((await owner.get(`/tenants/${t}/clients`)).body).toMatchObject({ items: [] });
  }, 120_000);
});
