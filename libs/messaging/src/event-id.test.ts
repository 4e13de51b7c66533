import { EVENT_ID_PATTERN, newEventId } from './event-id';

describe('newEventId', () => {
  it('makes evt_ ids with a 26-character Crockford base32 ULID', () => {
    expect(newEventId()).toMatch(EVENT_ID_PATTERN);
  });

  it('fits the prefixed-id shape contracts accept', () => {
    expect(newEventId()).toMatch(/^[a-z]{3}_[0-9A-Za-z]{8,40}$/);
  });

  it('sorts ids in creation order, also within one millisecond', () => {
    const now = Date.now();
    const ids = Array.from({ length: 1000 }, (_, i) => newEventId(now + Math.floor(i / 100)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps ids ordered when the clock steps back', () => {
    const now = Date.now() + 10_000;
    const first = newEventId(now);
    const second = newEventId(now - 5_000);
    expect(second > first).toBe(true);
  });

  it('encodes the time in the first ten characters', () => {
    const a = newEventId(Date.UTC(2030, 0, 1));
    const b = newEventId(Date.UTC(2031, 0, 1));
    expect(a.slice(4, 14) < b.slice(4, 14)).toBe(true);
  });
});
