import type { TenantScope } from '../infrastructure/tenant-scope';
import type { InstituteDirectory } from './ports';

/** What the use cases need from the outside world; main.ts wires the real ones, tests their own. */
export interface Deps {
  scope: TenantScope;
  clock: () => Date;
  newId: (prefix: string) => string;
  institutes: InstituteDirectory;
}
