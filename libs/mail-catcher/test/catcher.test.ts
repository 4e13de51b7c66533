import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { mailCatcherClient, startMailCatcher, type MailCatcher } from '../src';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(() => catcher?.stop());

const send = (to: string, subject: string, html = '<p>Hallo <b>daar</b></p><script>alert(1)</script>') =>
  nodemailer.createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false }).sendMail({ from: 'a@homi.test', to, subject, text: 'Hallo daar', html });

describe('the development mail catcher', () => {
  it('keeps a mail sent over SMTP and serves it through its JSON API, filtered by recipient', async () => {
    await send('Anna@Example.nl', 'Eerste');
    await send('bram@example.nl', 'Tweede');
    const api = mailCatcherClient(catcher.url);
    const forAnna = await api.list('anna@example.nl');
    expect(forAnna.map((m) => m.subject)).toEqual(['Eerste']);
    const mail = await api.get(forAnna[0]!.id);
    expect(mail).toMatchObject({ to: ['anna@example.nl'], from: 'a@homi.test' });
    expect(mail.text.trim()).toBe('Hallo daar');
    expect(mail.html).toContain('<b>daar</b>');
    expect((await api.waitFor({ to: 'bram@example.nl', subject: /Twee/ })).subject).toBe('Tweede');
  });

  it('shows the list and a message in its web view, the HTML only inside a sandboxed frame', async () => {
    await send('web@example.nl', 'Web <view>');
    const list = await (await fetch(catcher.url)).text();
    expect(list).toContain('Web &lt;view&gt;');
    expect(list).toContain('development only');
    const [summary] = await mailCatcherClient(catcher.url).list('web@example.nl');
    const page = await (await fetch(`${catcher.url}/messages/${summary!.id}`)).text();
    expect(page).toContain('<iframe sandbox="" srcdoc="');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect((await fetch(`${catcher.url}/messages/unknown`)).status).toBe(404);
    expect((await fetch(`${catcher.url}/api/messages/unknown`)).status).toBe(404);
  });

  it('keeps a mail resent with the same Message-ID once, as a mailbox does, and counts the repeat', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
    const mail = { from: 'a@homi.test', subject: 'Herinnering', text: 'Tot morgen', messageId: '<ntc_1.appointment-reminder@homi>' };
    const before = catcher.stats();
    await transport.sendMail({ ...mail, to: 'dup@example.nl' });
    await transport.sendMail({ ...mail, to: 'dup@example.nl' });
    await transport.sendMail({ ...mail, to: 'other@example.nl' });
    await transport.sendMail({ ...mail, messageId: '<ntc_2.appointment-reminder@homi>', to: 'dup@example.nl' });
    const api = mailCatcherClient(catcher.url);
    expect((await api.list('dup@example.nl')).map((m) => m.messageId).sort()).toEqual(['<ntc_1.appointment-reminder@homi>', '<ntc_2.appointment-reminder@homi>']);
    expect(await api.list('other@example.nl')).toHaveLength(1);
    expect(await api.stats()).toEqual({ received: before.received + 4, repeats: before.repeats + 1 });
  });

  it('outlives a sender that dies mid-transaction (its connection reset)', async () => {
    const socket = connect(catcher.smtpPort, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('EHLO crash.test\r\nMAIL FROM:<a@homi.test>\r\nRCPT TO:<b@homi.test>\r\nDATA\r\nSubject: half\r\n');
    await new Promise((r) => setTimeout(r, 100));
    socket.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 100));
    await send('after@example.nl', 'Na de crash');
    expect((await mailCatcherClient(catcher.url).list('after@example.nl')).map((m) => m.subject)).toEqual(['Na de crash']);
  });

  it('forgets everything on DELETE, and gives up waiting when nothing comes', async () => {
    expect((await fetch(`${catcher.url}/api/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(catcher.messages()).toEqual([]);
    await expect(mailCatcherClient(catcher.url).waitFor({ to: 'none@example.nl', timeoutMs: 200 })).rejects.toThrow(/no mail/);
  });
});
