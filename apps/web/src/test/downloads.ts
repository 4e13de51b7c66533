import { onTestFinished, vi } from 'vitest';
import { configureApiClient } from '../api/client';

/**
 * For a test that downloads a file the way the app does (fetched with the bearer token, saved from
 * memory): the API client signed in with `token-1`, jsdom's missing object URLs stood in for by
 * `objectUrl`, and each click on a download link recorded as `href download`. All of it is given
 * back when the test finishes.
 */
export function capturedDownloads(objectUrl: string): string[] {
  const { createObjectURL, revokeObjectURL } = URL;
  URL.createObjectURL = vi.fn(() => objectUrl);
  URL.revokeObjectURL = vi.fn();
  configureApiClient({ accessToken: () => 'token-1', renew: async () => false });
  onTestFinished(() => {
    configureApiClient({ accessToken: () => undefined, renew: async () => false });
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    vi.restoreAllMocks();
  });
  const clicked: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(`${this.href} ${this.download}`);
  });
  return clicked;
}
