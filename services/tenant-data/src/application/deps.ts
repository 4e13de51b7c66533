import type { HealthDataKeys, InstituteDirectory, MemberDirectory, TenantDataUnitOfWork, UnsubscribeCodes } from './ports';

/** What the use cases need from the outside world, as ports; main.ts wires the real ones, unit tests in-memory ones. */
export interface Deps {
  /** The one way to the data: a transaction per call with row-level security set, yielding repositories. */
  uow: TenantDataUnitOfWork;
  clock: () => Date;
  newId: (prefix: string) => string;
  institutes: InstituteDirectory;
  members: MemberDirectory;
  healthKeys: HealthDataKeys;
  unsubscribeCodes: UnsubscribeCodes;
}
