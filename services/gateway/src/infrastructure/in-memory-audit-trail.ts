import type { TenantActionPerformed } from '@homi/contracts';
import type { AuditTrail } from '../application/ports';

/** An AuditTrail for unit tests: keeps what it was given, or fails every call while `failing`. */
export class InMemoryAuditTrail implements AuditTrail {
  readonly events: TenantActionPerformed[] = [];
  failing = false;

  async record(event: TenantActionPerformed): Promise<void> {
    if (this.failing) throw new Error('audit trail unavailable');
    this.events.push(event);
  }
}
