import pino from 'pino';
import type { Logger } from './logger';
import { errorFields } from './logger';

describe('Logger', () => {
  it('is satisfied by a pino logger', () => {
    const logger: Logger = pino({ enabled: false });
    expect(() => logger.warn({ a: 1 }, 'message')).not.toThrow();
  });

  it('turns anything thrown into loggable fields', () => {
    expect(errorFields(new TypeError('bad'))).toMatchObject({ err: { name: 'TypeError', message: 'bad' } });
    expect(errorFields('plain')).toEqual({ err: { name: 'NonError', message: 'plain' } });
  });
});
