import type { UseCaseBasics } from '@homi/service-kit';
import type { HealthDataKeys, InstituteDirectory, MemberDirectory, TenantDataUnitOfWork, UnsubscribeCodes } from './ports';

/** What the use cases need from the outside world, as ports; main.ts wires the real ones, unit tests in-memory ones. */
export interface Deps extends UseCaseBasics<TenantDataUnitOfWork> {
  institutes: InstituteDirectory;
  members: MemberDirectory;
  healthKeys: HealthDataKeys;
  unsubscribeCodes: UnsubscribeCodes;
}
