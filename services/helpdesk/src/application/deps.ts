import type { HelpdeskUnitOfWork, InstituteDirectory } from './ports';

/** What the use cases need from the outside world, as ports; service.ts wires the real ones, unit tests in-memory ones. */
export interface Deps {
  /** The one way to the data: a transaction per call with row-level security set, yielding repositories. */
  uow: HelpdeskUnitOfWork;
  clock: () => Date;
  newId: (prefix: string) => string;
  institutes: InstituteDirectory;
}
