import { inMemoryDeps } from './in-memory';
import { NOTICE_LEASE_MS } from '@homi/mail';
import { deliverReplyNotices } from './deliver-reply-notices';
import { eraseUser } from './subject-data';
import { replyAsSupport, updateSupportTicket } from './support-tickets';
import { openTicket, replyAsMember, type Member } from './tickets';

// ADR 43: a reply owes the other side one mail, recorded with the reply and sent after commit.

const TENANT = 'ten_aaaaaaaaaa';
const staff: Member = { userId: 'usr_staff00001', tenantId: TENANT, role: 'staff' };
const SUPPORT = 'usr_support0001';
const question = { subject: 'Agenda laadt niet', category: 'problem' as const, message: 'Sinds vanochtend blijft de agenda leeg.' };

describe('reply notices (unit)', () => {
  it('mails the member who opened the ticket when support replies: in their language, subject and link only, once', async () => {
    const { deps, mail } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, question, 'en');
    const reply = await replyAsSupport(deps, SUPPORT, ticket.id, 'Kunt u de pagina verversen?');
    expect(await deliverReplyNotices(deps)).toBe(1);
    expect(mail.sent).toEqual([{
      to: `${staff.userId}@example.test`, template: 'ticket-reply-to-member', locale: 'en',
      data: { ticketSubject: question.subject, link: `https://web.test/t/${TENANT}/help/${ticket.id}` },
      messageId: `<${reply.id}.reply-notice@homi>`,
    }]);
    expect(JSON.stringify(mail.sent)).not.toContain('verversen');
    expect(await deliverReplyNotices(deps)).toBe(0);
  });

  it('writes to Dutch when the opener\'s language is not known', async () => {
    const { deps, mail } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, question);
    await replyAsSupport(deps, SUPPORT, ticket.id, 'Antwoord');
    await deliverReplyNotices(deps);
    expect(mail.sent[0]?.locale).toBe('nl');
  });

  it('mails the assigned support user when the institute replies, else the support mailbox', async () => {
    const { deps, mail } = inMemoryDeps({ supportMailbox: 'support@homi.test' });
    const { ticket } = await openTicket(deps, staff, question);
    await replyAsMember(deps, staff, ticket.id, 'Nog steeds leeg.');
    await updateSupportTicket(deps, SUPPORT, ticket.id, { assigneeId: SUPPORT });
    await replyAsMember(deps, staff, ticket.id, 'En nu?');
    await deliverReplyNotices(deps);
    expect(mail.sent.map((m) => [m.to, m.template, m.locale])).toEqual([
      ['support@homi.test', 'ticket-reply-to-support', 'nl'],
      [`${SUPPORT}@example.test`, 'ticket-reply-to-support', 'nl'],
    ]);
    expect(mail.sent[0]?.data).toEqual({ ticketSubject: question.subject, link: `https://web.test/support/tickets/${ticket.id}` });
  });

  it('sends every notice due in one turn, batch after batch (the job does not wait for its next interval)', async () => {
    const { deps, mail } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, question);
    for (let i = 0; i < 45; i++) await replyAsSupport(deps, SUPPORT, ticket.id, `Antwoord ${i}`);
    expect(await deliverReplyNotices(deps)).toBe(45);
    expect(new Set(mail.sent.map((m) => m.messageId)).size).toBe(45);
  });

  it('opening a ticket sends nothing: only replies notify', async () => {
    const { deps, mail } = inMemoryDeps({ supportMailbox: 'support@homi.test' });
    await openTicket(deps, staff, question);
    expect(await deliverReplyNotices(deps)).toBe(0);
    expect(mail.sent).toEqual([]);
  });

  it('tries a refused mail again later with the same Message-ID, and not while its lease holds', async () => {
    const { deps, mail, clock, repositories } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, question);
    await replyAsSupport(deps, SUPPORT, ticket.id, 'Antwoord');
    mail.state.refuse = true;
    expect(await deliverReplyNotices(deps)).toBe(0);
    mail.state.refuse = false;
    expect(await deliverReplyNotices(deps)).toBe(0); // not due yet
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(await deliverReplyNotices(deps)).toBe(1);
    const [notice] = [...repositories.notices.rows.values()];
    expect(notice).toMatchObject({ attempts: 2, sentAt: expect.any(Date) });
    // A sender that died mid-send: its lease runs out and the notice goes once more, same Message-ID.
    Object.assign(notice!, { sentAt: null, leaseUntil: new Date(deps.clock().getTime() + NOTICE_LEASE_MS) });
    expect(await deliverReplyNotices(deps)).toBe(0);
    clock.now = new Date(clock.now.getTime() + NOTICE_LEASE_MS);
    expect(await deliverReplyNotices(deps)).toBe(1);
    expect(new Set(mail.sent.map((m) => m.messageId)).size).toBe(1);
  });

  it('drops a notice to a member identity will not mail, or to support with no assignee and no mailbox', async () => {
    const { deps, mail, repositories } = inMemoryDeps({ contacts: { addressOf: async () => undefined } });
    const { ticket } = await openTicket(deps, staff, question);
    await replyAsSupport(deps, SUPPORT, ticket.id, 'Antwoord');
    await replyAsMember(deps, staff, ticket.id, 'Dank');
    expect(await deliverReplyNotices(deps)).toBe(0);
    expect(mail.sent).toEqual([]);
    expect([...repositories.notices.rows.values()].every((n) => n.gaveUpAt !== null)).toBe(true);
  });

  it('never mails a member erased before the notice went out', async () => {
    const { deps, mail, repositories } = inMemoryDeps();
    const { ticket } = await openTicket(deps, staff, question);
    await replyAsSupport(deps, SUPPORT, ticket.id, 'Antwoord');
    await eraseUser(repositories, staff.userId, deps.clock());
    expect(await deliverReplyNotices(deps)).toBe(0);
    expect(mail.sent).toEqual([]);
    expect([...repositories.notices.rows.values()].map((n) => n.recipientId)).toEqual([null]);
  });
});
