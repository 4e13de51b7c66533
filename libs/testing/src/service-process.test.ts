import { createServer } from 'node:net';
import { reservePort } from './service-process';

const bind = (port: number) =>
  new Promise<string>((resolve) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve('bound')));
  });

describe('reservePort', () => {
  it('keeps the port bound until released, so no other process is given it meanwhile', async () => {
    const reservation = await reservePort();
    expect(await bind(reservation.port)).toBe('EADDRINUSE');
    await reservation.release();
    await reservation.release();
    expect(await bind(reservation.port)).toBe('bound');
  });
});
