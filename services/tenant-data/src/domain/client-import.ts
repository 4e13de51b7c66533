import type { tenantDataApi } from '@homi/contracts';

/**
 * A client file imported into the institute: counts, unrecognised header names and, per bad row,
 * its row number and reason codes. Never a value from the file (ADR 49).
 */
export class ClientImport {
  readonly status = 'completed' as const;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly createdBy: string,
    readonly counts: tenantDataApi.ClientImportReport['counts'],
    readonly ignoredColumns: string[],
    readonly problems: tenantDataApi.ClientImportProblem[],
    readonly createdAt: Date,
  ) {}
}
