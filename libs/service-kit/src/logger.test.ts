import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
  return { lines, logger: createLogger({ service: 't', destination }) };
}

describe('logger', () => {
  it('never writes personal fields, top level or nested', () => {
    const { lines, logger } = capture();
    logger.info({ email: 'a@b.nl', client: { phone: '0612345678', name: 'Jan Jansen' }, deep: { x: { notes: 'allergic' } } }, 'x');
    const out = lines.join('');
    for (const secret of ['a@b.nl', '0612345678', 'Jan Jansen', 'allergic']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('keeps only class and SQLSTATE of database errors, whose messages carry values', () => {
    const { lines, logger } = capture();
    const err = Object.assign(new Error("insert into clients values ('jan@x.nl')"), { code: '23505', constraint: 'clients_email_key' });
    logger.error({ err }, 'failed');
    const out = lines.join('');
    expect(out).not.toContain('jan@x.nl');
    expect(out).toContain('23505');
  });
});
