import { jetstream } from '@nats-io/jetstream';
import { HELPDESK_STREAM, TicketOpened, TicketReplied } from '@homi/contracts';
import { connectNats } from '@homi/messaging';
import { inAllTenantsTransaction, newId } from '@homi/service-kit';
import { startOwnerWithPrivacyStub, type PrivacyStub } from '@homi/privacy-kit/testing';
import { startedAroundAll } from '@homi/testing';
import { asMember, asSupport, member, startHelpdesk, type Harness } from './harness';

// The helpdesk as a data owner, over the real bus: a user's and an institute's export and erasure as
// privacy commands them, retention two years after closing, and the events the outbox publishes.
const DAY = 86_400_000;
let now = new Date('2027-02-01T09:00:00Z');
// Moves on a millisecond each time it is read, as a real clock does between two requests: messages
// are ordered by when they were written, and a clock standing still would leave their order to chance.
let ticks = 0;
const clock = () => new Date(now.getTime() + ticks++);
let h: Harness;
let privacy: PrivacyStub;

startedAroundAll(() => startOwnerWithPrivacyStub('helpdesk', (privacyUrl) => startHelpdesk({ privacyUrl, clock })), (started) => ({ h, privacy } = started));

/** Across tenants, as the tables' owner: forced row-level security shows the owner nothing otherwise. */
const sql = (query: string) => inAllTenantsTransaction(h.service.orm, (em) => em.execute(query));
/** Every column of the helpdesk's tables and its outbox, as one string: where a forensic search looks. */
const everything = async () => JSON.stringify([
  await sql('select * from tickets'), await sql('select * from ticket_messages'), await sql('select * from outbox'),
]);

describe('the helpdesk as a data owner', () => {
  it("exports what a user wrote, then erases it in every institute while support's replies remain", async () => {
    const tenantA = newId('ten');
    const tenantB = newId('ten');
    const user = member(tenantA);
    const sameUserElsewhere = { ...user, tenantId: tenantB };
    const colleague = member(tenantA);
    const support = asSupport(h);
    const ticket = (await asMember(h, user).post('', { subject: 'Wachtwoord van Jansen', category: 'problem', message: 'Mijn collega Jansen kan niet inloggen' })).body.id;
    await support.post(`/${ticket}/messages`, { message: 'Wij hebben een nieuwe link gestuurd.' });
    await asMember(h, user).post(`/${ticket}/messages`, { message: 'Gelukt, dank aan Pieternella' });
    const elsewhere = (await asMember(h, sameUserElsewhere).post('', { subject: 'Tweede salon', category: 'question', message: 'Vraag over Kwakkelstein' })).body.id;
    const notTheirs = (await asMember(h, colleague).post('', { subject: 'Van een collega', category: 'question', message: 'Niet van de gebruiker' })).body.id;

    const [access] = await privacy.run('access', { kind: 'user', userId: user.userId });
    expect(access?.results).toEqual(expect.arrayContaining([
      { category: 'tickets', records: 2, action: 'exported' },
      { category: 'ticket-messages', records: 3, action: 'exported' },
    ]));
    for (const text of ['Wachtwoord van Jansen', 'Pieternella', 'Kwakkelstein']) expect(access?.upload).toContain(text);
    for (const text of ['nieuwe link', 'Niet van de gebruiker']) expect(access?.upload).not.toContain(text);

    const results = await privacy.run('erasure', { kind: 'user', userId: user.userId }, 2);
    const erased = results.map((r) => r.results.find((c) => c.category === 'ticket-messages')?.records).sort();
    // Each answer is the request's total so far (ADR 58): a second run that erased anything again would make it 6.
    expect(erased).toEqual([3, 3]);
    const stored = await everything();
    for (const text of ['Wachtwoord van Jansen', 'Jansen kan niet', 'Pieternella', 'Kwakkelstein', 'Tweede salon', user.userId]) expect(stored).not.toContain(text);
    expect(stored).toContain('Wij hebben een nieuwe link gestuurd.');

    const owner = asMember(h, member(tenantA, 'owner'));
    const kept = (await owner.get(`/${ticket}`)).body;
    expect(kept).toMatchObject({ subject: null, openedBy: null });
    expect(kept.messages.map((m: { from: string; body: string | null }) => [m.from, m.body])).toEqual([
      ['institute', null], ['support', 'Wij hebben een nieuwe link gestuurd.'], ['institute', null],
    ]);
    expect((await asMember(h, member(tenantB, 'owner')).get(`/${elsewhere}`)).body.subject).toBeNull();
    expect((await owner.get(`/${notTheirs}`)).body.subject).toBe('Van een collega');
  });

  it("exports an institute's tickets and erases them, and no other institute's", async () => {
    const tenantId = newId('ten');
    const otherTenant = newId('ten');
    h.identity.names.set(tenantId, 'Schoonheidssalon Lelie');
    const staff = asMember(h, member(tenantId));
    const first = (await staff.post('', { subject: 'Factuur dubbel', category: 'invoicing', message: 'Factuur 17 staat er twee keer in' })).body.id;
    await asSupport(h).post(`/${first}/messages`, { message: 'Opgelost.' });
    await asMember(h, member(tenantId, 'owner')).post('', { subject: 'Export', category: 'my-data', message: 'Graag een export' });
    const other = (await asMember(h, member(otherTenant)).post('', { subject: 'Blijft staan', category: 'question', message: 'Andere salon' })).body.id;

    const [access] = await privacy.run('access', { kind: 'tenant', tenantId });
    expect(access?.results).toEqual(expect.arrayContaining([
      { category: 'tickets', records: 2, action: 'exported' },
      { category: 'ticket-messages', records: 3, action: 'exported' },
      { category: 'institute-name', records: 1, action: 'exported' },
    ]));
    expect(access?.upload).toContain('Opgelost.');
    expect(access?.upload).not.toContain('Andere salon');

    const [erasure] = await privacy.run('erasure', { kind: 'tenant', tenantId });
    expect(erasure?.results).toEqual(expect.arrayContaining([
      { category: 'tickets', records: 2, action: 'erased' },
      { category: 'ticket-messages', records: 3, action: 'erased' },
      { category: 'institute-name', records: 1, action: 'erased' },
    ]));
    expect((await asMember(h, member(tenantId, 'owner')).get()).body.items).toEqual([]);
    expect(await everything()).not.toContain('Factuur 17');
    expect((await asSupport(h).get(`/${other}`)).body.subject).toBe('Blijft staan');
  });

  it('purges a ticket two years after it was closed, not one closed later or still open', async () => {
    const tenantId = newId('ten');
    const staff = asMember(h, member(tenantId, 'owner'));
    const open = async (subject: string) => (await staff.post('', { subject, category: 'question', message: `bericht ${subject}` })).body.id as string;
    const old = await open('oud');
    await staff.post(`/${old}/close`);
    now = new Date(now.getTime() + 30 * DAY);
    const recent = await open('recent');
    await staff.post(`/${recent}/close`);
    const stillOpen = await open('loopt nog');

    now = new Date(now.getTime() + (2 * 365 + 1 - 30) * DAY + DAY);
    const runs = await h.service.housekeeping.retention.runOnce();
    const purged = Object.fromEntries(runs.map((r) => [r.category, r.purged]));
    expect(purged).toEqual({ 'ticket-messages': 1, tickets: 1 });
    expect((await staff.get()).body.items.map((t: { id: string }) => t.id).sort()).toEqual([recent, stillOpen].sort());
    const again = await h.service.housekeeping.retention.runOnce();
    expect(again.map((r) => r.purged)).toEqual([0, 0]);
  });

  it('publishes what happens to a ticket on the HELPDESK stream, without what anyone wrote', async () => {
    const tenantId = newId('ten');
    const staff = asMember(h, member(tenantId));
    const ticket = (await staff.post('', { subject: 'Geheim onderwerp', category: 'problem', message: 'Geheime inhoud' })).body.id;
    await staff.post(`/${ticket}/messages`, { message: 'Nog geheimer' });
    const nc = await connectNats({ url: h.natsUrl, name: 'helpdesk-test' });
    try {
      const jsm = await jetstream(nc).jetstreamManager();
      const seen: { subject: string; data: string }[] = [];
      for (let attempt = 0; attempt < 50; attempt++) {
        seen.length = 0;
        const info = await jsm.streams.info(HELPDESK_STREAM.name);
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && seq > 0; seq++) {
          const m = await jsm.streams.getMessage(HELPDESK_STREAM.name, { seq }).catch(() => undefined);
          if (m) seen.push({ subject: m.subject, data: new TextDecoder().decode(m.data) });
        }
        if (seen.some((m) => m.subject === TicketReplied.subject && m.data.includes(ticket))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const mine = seen.filter((m) => m.data.includes(ticket));
      expect(mine.map((m) => m.subject)).toEqual([TicketOpened.subject, TicketReplied.subject]);
      expect(JSON.stringify(mine)).not.toMatch(/Geheim/);
    } finally {
      await nc.close();
    }
  });
});
