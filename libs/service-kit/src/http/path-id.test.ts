import { prefixedIdPattern } from '@homi/contracts';
import { isAppError } from '../errors';
import { isId, newId } from '../ids';
import { pathId } from './path-id';

describe('path ids', () => {
  it('accepts an id of the asked kind, as newId makes them', () => {
    const id = newId('cli');
    expect(pathId({ params: { clientId: id } }, 'clientId', 'cli', 'Client')).toBe(id);
    expect(id).toMatch(new RegExp(prefixedIdPattern('cli')));
  });

  it.each([['apt_0123456789'], ['cli_short'], ['cli_0123456789;drop'], [''], [undefined]])('answers not_found for %p as a client id', (value) => {
    let thrown: unknown;
    try {
      pathId({ params: { clientId: value } }, 'clientId', 'cli', 'Client');
    } catch (err) {
      thrown = err;
    }
    expect(isAppError(thrown) && thrown.kind === 'not_found' && thrown.message === 'Client was not found').toBe(true);
  });

  it('knows an id by its prefix', () => {
    expect(isId('ten_0123456789', 'ten')).toBe(true);
    expect(isId('ten_0123456789', 'cli')).toBe(false);
  });
});
