import type { DownloadedFile } from './client';

/**
 * Hands a downloaded file to the browser's own "save" through an object URL of the bytes in memory,
 * so the file is fetched with the bearer token in a header and no URL ever carries a credential.
 */
export function saveFile({ blob, filename }: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? fallbackName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser the moment it needs to start the download before the bytes are let go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
