import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from './logger';
import { errorFields } from './logger';

function capturingPino(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write(chunk, _e, cb) { lines.push(JSON.parse(String(chunk))); cb(); } });
  return { logger: pino({ level: 'debug' }, destination), lines };
}

describe('Logger', () => {
  it('is satisfied by a pino logger, which writes each level with its fields and message', () => {
    const { logger, lines } = capturingPino();
    logger.debug({ n: 0 }, 'd');
    logger.info({ n: 1 }, 'i');
    logger.warn({ n: 2 }, 'w');
    logger.error({ n: 3 }, 'e');
    expect(lines.map((l) => [l.level, l.n, l.msg])).toEqual([[20, 0, 'd'], [30, 1, 'i'], [40, 2, 'w'], [50, 3, 'e']]);
  });

  it('turns anything thrown into loggable fields', () => {
    const thrown = new TypeError('bad');
    expect(errorFields(thrown)).toEqual({ err: { name: 'TypeError', message: 'bad', stack: thrown.stack } });
    expect(errorFields('plain')).toEqual({ err: { name: 'NonError', message: 'plain' } });
    expect(errorFields(undefined)).toEqual({ err: { name: 'NonError', message: 'undefined' } });
  });

  it('keeps an error\'s name and message when written through a logger', () => {
    const { logger, lines } = capturingPino();
    logger.warn(errorFields(new RangeError('out of range')), 'failed');
    expect(lines[0]).toMatchObject({ msg: 'failed', err: { name: 'RangeError', message: 'out of range' } });
  });
});
