/**
 * Something that existed and is gone for good (an expired export, cleared corrections): HTTP 410.
 * service-kit's AppError has no such kind yet, so the privacy routes map this one themselves.
 */
export class GoneError extends Error {
  override readonly name = 'GoneError';
  constructor(
    readonly type: string,
    detail: string,
  ) {
    super(detail);
  }
}
