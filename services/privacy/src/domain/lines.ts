/**
 * Splits a byte stream into lines (without the newline), never holding more than one line plus
 * one incoming chunk. A line longer than `maxLineBytes` throws instead of growing without bound.
 */
export async function* splitLines(source: AsyncIterable<Buffer | Uint8Array | string>, maxLineBytes: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10)) {
      const line = pendingBytes ? Buffer.concat([...pending, chunk.subarray(0, nl)]) : chunk.subarray(0, nl);
      if (line.length > maxLineBytes) throw new LineTooLongError(maxLineBytes);
      pending = [];
      pendingBytes = 0;
      yield line;
      chunk = chunk.subarray(nl + 1);
    }
    if (chunk.length) {
      pending.push(Buffer.from(chunk));
      pendingBytes += chunk.length;
      if (pendingBytes > maxLineBytes) throw new LineTooLongError(maxLineBytes);
    }
  }
  if (pendingBytes) yield Buffer.concat(pending);
}

export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(readonly maxLineBytes: number) {
    super(`a line is longer than ${maxLineBytes} bytes`);
  }
}
