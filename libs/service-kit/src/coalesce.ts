/**
 * Gathers small buffers into chunks of about `size` bytes. Streams that carry one buffer per
 * record (an export line, a CSV row) pay a fixed cost per write; batching them keeps memory
 * bounded and the per-record cost low.
 */
export async function* coalesce(source: AsyncIterable<Buffer>, size = 64 * 1024): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    pending.push(chunk);
    bytes += chunk.length;
    if (bytes >= size) {
      yield Buffer.concat(pending, bytes);
      pending = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(pending, bytes);
}
