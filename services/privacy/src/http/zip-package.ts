import { PassThrough, Readable } from 'node:stream';
import { coalesce } from '@homi/service-kit';
import { ZipFile } from 'yazl';
import type { PackageEntry } from '../application/open-export';

/**
 * A zip built while it is read: each entry's source is opened only when the archive reaches it,
 * so the package never sits in memory. yazl writes ZIP64 records where sizes need them.
 */
export function zipPackage(entries: PackageEntry[], mtime: Date): Readable {
  const zip = new ZipFile();
  const out = new PassThrough();
  const open = new Set<Readable>();
  for (const entry of entries) {
    if ('buffer' in entry) {
      zip.addBuffer(entry.buffer, entry.name, { mtime, compress: true });
    } else {
      zip.addReadStreamLazy(entry.name, { mtime, compress: true }, (cb) => {
        // One buffer per record would cost a compressor write each: batch them into 64 kB chunks.
        const source = Readable.from(coalesce(entry.stream()));
        open.add(source);
        source.once('close', () => open.delete(source));
        cb(null, source);
      });
    }
  }
  zip.on('error', (err: Error) => out.destroy(err));
  // A client that goes away stops the reading of the parts too.
  out.once('close', () => {
    for (const source of open) source.destroy();
  });
  (zip.outputStream as Readable).pipe(out);
  zip.end();
  return out;
}
