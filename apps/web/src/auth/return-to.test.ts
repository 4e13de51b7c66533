import { describe, expect, it } from 'vitest';
import { rememberReturnTo, takeReturnTo } from './return-to';

describe('where to return after signing in or accepting the statement', () => {
  it('returns to the page remembered, once', () => {
    rememberReturnTo('/t/ten_abc12345/clients');
    expect(takeReturnTo()).toBe('/t/ten_abc12345/clients');
    expect(takeReturnTo()).toBe('/start');
  });

  it('never remembers a page on the way (the statement, the sign-in callback) nor another origin', () => {
    rememberReturnTo('/t/ten_abc12345/clients');
    rememberReturnTo('/statement');
    rememberReturnTo('/auth/callback?code=x');
    rememberReturnTo('//evil.example/');
    expect(takeReturnTo()).toBe('/t/ten_abc12345/clients');
  });
});
