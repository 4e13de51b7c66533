import { z } from 'zod';
import { mailCatcherClient, startMailCatcher, type MailCatcher } from '@homi/mail-catcher';
import { checkMailEnv, Mailer, mailEnv, MailNotSentError, SmtpMailSender, smtpSettingsFrom } from '../src';

const schema = z.object({ NODE_ENV: z.string().default('development'), ...mailEnv }).superRefine(checkMailEnv);

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(() => catcher?.stop());

function logged() {
  const lines: string[] = [];
  const log = { info: (o: object, m: string) => lines.push(JSON.stringify({ ...o, msg: m })), warn: (o: object, m: string) => lines.push(JSON.stringify({ ...o, msg: m })) };
  return { lines, log };
}

describe('the mail path over real SMTP', () => {
  it('sends an invitation in Dutch as text and HTML, and logs the template and Message-ID but not the address or the content', async () => {
    const { lines, log } = logged();
    const mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(schema.parse({ SMTP_URL: catcher.smtpUrl }))), log);
    const to = 'bram.collega@example.nl';
    const token = 'tok-3f9a-unique';
    const { messageId } = await mailer.send(to, 'invitation', 'nl', {
      instituteName: 'Salon <Zon> & Co', inviterName: 'Olga Owner', role: 'staff', link: `http://localhost:3000/invitations/accept#token=${token}`,
      token, expiresAt: new Date('2026-12-11T10:00:00Z'),
    });
    await mailer.close();

    const mail = await mailCatcherClient(catcher.url).waitFor({ to });
    expect(mail.messageId).toBe(messageId);
    expect(mail.subject).toBe('Uitnodiging voor Salon <Zon> & Co op HOMi');
    expect(mail.text).toContain('Olga Owner nodigt je uit om als medewerker mee te werken in Salon <Zon> & Co');
    expect(mail.text).toContain('11 december 2026 om 11:00');
    expect(mail.text).toContain(`#token=${token}`);
    expect(mail.html).toContain('Salon &lt;Zon&gt; &amp; Co');
    expect(mail.html).not.toContain('<Zon>');
    expect(mail.html).toContain('Met vriendelijke groet,<br>HOMi');

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({ msg: 'mail sent', mail: { template: 'invitation', locale: 'nl', messageId, recipient: expect.stringMatching(/^[0-9a-f]{16}$/) } });
    for (const secret of [to, 'bram', token, 'Olga', 'Zon']) expect(lines[0]).not.toContain(secret);
  });

  it('writes English when the caller asks for it, and the same recipient has the same reference', async () => {
    const { lines, log } = logged();
    const mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(schema.parse({ SMTP_URL: catcher.smtpUrl }))), log);
    await mailer.send('New.Address@Example.nl', 'email-change-confirmation', 'en', { link: 'http://x/account#token=t', token: 't', expiresAt: new Date() });
    await mailer.send('new.address@example.nl', 'email-change-address-in-use', 'en', {});
    await mailer.close();
    const mails = await mailCatcherClient(catcher.url).list('new.address@example.nl');
    expect(mails.map((m) => m.subject)).toEqual(['Your e-mail address for HOMi', 'Confirm your new e-mail address for HOMi']);
    const refs = lines.map((l) => JSON.parse(l).mail.recipient);
    expect(refs[0]).toBe(refs[1]);
  });

  it('sends a ticket reply notice with the Message-ID the caller gives, in both languages, escaping the subject in HTML', async () => {
    const { log } = logged();
    const mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(schema.parse({ SMTP_URL: catcher.smtpUrl }))), log);
    const data = { ticketSubject: 'Agenda <leeg>', link: 'http://localhost:3000/t/ten_x/help/tkt_abcdefgh' };
    const sent = await mailer.send('anna.notice@example.nl', 'ticket-reply-to-member', 'nl', data, { messageId: '<msg_0001.reply-notice@homi>' });
    await mailer.send('piet.notice@example.nl', 'ticket-reply-to-support', 'en', data);
    await mailer.close();
    expect(sent.messageId).toBe('<msg_0001.reply-notice@homi>');
    const client = mailCatcherClient(catcher.url);
    const nl = await client.waitFor({ to: 'anna.notice@example.nl' });
    expect([nl.subject, nl.messageId]).toEqual(['Nieuw antwoord van de HOMi-helpdesk', '<msg_0001.reply-notice@homi>']);
    expect(nl.text).toContain('“Agenda <leeg>”');
    expect(nl.text).toContain(data.link);
    expect(nl.html).toContain('Agenda &lt;leeg&gt;');
    const en = await client.waitFor({ to: 'piet.notice@example.nl' });
    expect(en.subject).toBe('New reply on a support ticket');
  });

  it('sends the privacy notices in both languages with the deadline and the link, and logs neither', async () => {
    const { lines, log } = logged();
    const mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(schema.parse({ SMTP_URL: catcher.smtpUrl }))), log);
    const link = 'http://localhost:3000/privacy-requests/dsr_abcdefgh';
    await mailer.send('wim.privacy@example.nl', 'privacy-request-extended', 'nl', { requestType: 'access', dueAt: '2027-03-06T11:00:00.000Z', link },
      { messageId: '<ntf_0001.privacy-notice@homi>' });
    await mailer.send('wendy.privacy@example.nl', 'privacy-request-completed', 'en', { requestType: 'erasure', link });
    await mailer.close();
    const client = mailCatcherClient(catcher.url);
    const nl = await client.waitFor({ to: 'wim.privacy@example.nl' });
    expect([nl.subject, nl.messageId]).toEqual(['Je privacyverzoek duurt langer', '<ntf_0001.privacy-notice@homi>']);
    expect(nl.text).toContain('Je verzoek om inzage kost meer tijd. Je krijgt uiterlijk 6 maart 2027 om 12:00 antwoord.');
    expect(nl.text).toContain(link);
    const en = await client.waitFor({ to: 'wendy.privacy@example.nl' });
    expect(en.subject).toBe('Your privacy request has been carried out');
    expect(en.text).toContain('Your erasure request has been carried out.');
    expect(lines.join('\n')).not.toMatch(/wim\.privacy|wendy\.privacy|dsr_abcdefgh|inzage/);
  });

  it('throws MailNotSentError when no SMTP server answers, and logs no address', async () => {
    const { lines, log } = logged();
    const mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(schema.parse({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '1' }))), log);
    await expect(mailer.send('nobody@example.nl', 'email-change-address-in-use', 'nl', {})).rejects.toBeInstanceOf(MailNotSentError);
    await mailer.close();
    expect(lines.join('\n')).toContain('mail not sent');
    expect(lines.join('\n')).not.toContain('nobody');
  });
});

describe('SMTP settings', () => {
  it('reads SMTP_URL with its credentials, or host and port, and refuses what cannot work', () => {
    expect(smtpSettingsFrom(schema.parse({ SMTP_URL: 'smtps://mailer:p%40ss@smtp.example.nl' }))).toMatchObject({
      host: 'smtp.example.nl', port: 465, secure: true, auth: { user: 'mailer', pass: 'p@ss' },
    });
    expect(smtpSettingsFrom(schema.parse({ SMTP_HOST: 'mailpit', SMTP_PORT: '1025' }))).toMatchObject({ host: 'mailpit', port: 1025, secure: false });
    expect(smtpSettingsFrom(schema.parse({}))).toMatchObject({ host: '127.0.0.1', port: 1025 });
    expect(schema.safeParse({ SMTP_URL: 'http://x' }).success).toBe(false);
    expect(schema.safeParse({ SMTP_URL: 'smtp://a', SMTP_HOST: 'b' }).success).toBe(false);
    expect(schema.safeParse({ SMTP_HOST: 'b', SMTP_USER: 'u' }).success).toBe(false);
    expect(schema.safeParse({ NODE_ENV: 'production' }).success).toBe(false);
  });
});
