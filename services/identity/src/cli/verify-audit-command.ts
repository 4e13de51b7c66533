import { createOrm, inAllTenantsTransaction, serviceDatabaseUrl } from '@homi/service-kit';
import { verifyAuditLog } from '../infrastructure/audit-log';
import { identityEntities } from '../infrastructure/schema';

/**
 * Recomputes every tenant's audit chain in identity's database (IDENTITY_DATABASE_URL, else
 * DATABASE_URL's homi_identity) and returns the exit code: 0 when every row chains, 1 naming the
 * first row that does not. Reads only; changes nothing.
 */
export async function verifyAuditCommand(env: NodeJS.ProcessEnv, write: (line: string) => void): Promise<number> {
  const { url } = serviceDatabaseUrl(env, 'identity');
  const orm = await createOrm({ clientUrl: url, entities: identityEntities, migrations: [], poolMax: 1 });
  try {
    // Every tenant's chain: a cross-tenant read, declared as such (ADR 4).
    const result = await inAllTenantsTransaction(orm, verifyAuditLog);
    if (!result.ok && result.broken) {
      const { tenantId, seq, problem } = result.broken;
      write(`BROKEN: tenant ${tenantId}, audit row seq ${seq}: ${problem} does not match (${result.rows} rows checked)\n`);
      return 1;
    }
    write(`ok: ${result.rows} rows in ${result.tenants} tenant chains verified\n`);
    return 0;
  } finally {
    await orm.close();
  }
}
