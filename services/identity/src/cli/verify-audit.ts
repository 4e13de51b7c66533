import { verifyAuditCommand } from './verify-audit-command';

// `npm run verify-audit -w @homi/identity`: exits 0 when every tenant's audit chain verifies, 1 naming
// the first row that does not, 2 when it could not check (no database, …).
verifyAuditCommand(process.env, (line) => process.stdout.write(line)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`verify-audit failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
