import { createOrm, isId, serviceDatabaseUrl } from '@homi/service-kit';
import { verifyAuditChains } from '../infrastructure/audit-trail';
import { privacyEntities } from '../infrastructure/schema';

/**
 * `npm run verify-audit -w @homi/privacy -- [requestId]`: recomputes the audit chains (all, or
 * one request's) and exits 1 naming the first row that does not chain, 0 when all do.
 */
async function main(): Promise<number> {
  const requestId = process.argv[2];
  if (requestId !== undefined && !isId(requestId, 'dsr')) {
    process.stderr.write(`not a request id: ${requestId}\n`);
    return 2;
  }
  const { url } = serviceDatabaseUrl(process.env, 'privacy');
  const orm = await createOrm({ clientUrl: url, entities: privacyEntities, migrations: [], poolMax: 1 });
  try {
    const result = await verifyAuditChains(orm.em.fork(), requestId);
    if (requestId && result.rows === 0) {
      process.stdout.write(`no audit trail for ${requestId}\n`);
      return 1;
    }
    if (!result.ok && result.broken) {
      const { requestId: id, seq, problem } = result.broken;
      process.stdout.write(`BROKEN: request ${id}, row seq ${seq}: ${problem} does not match (${result.rows} rows checked)\n`);
      return 1;
    }
    process.stdout.write(`ok: ${result.rows} rows in ${result.requests} request chains verified\n`);
    return 0;
  } finally {
    await orm.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`verify-audit failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
