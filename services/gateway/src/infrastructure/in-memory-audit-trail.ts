import type { SupportAccessRefused, TenantActionPerformed } from '@homi/contracts';
import type { AuditTrail, RefusalTrail } from '../application/ports';

/** An AuditTrail for unit tests: keeps what it was given, or fails every call while `failing`. */
export class InMemoryAuditTrail implements AuditTrail {
  readonly events: TenantActionPerformed[] = [];
  failing = false;

  async record(event: TenantActionPerformed): Promise<void> {
    if (this.failing) throw new Error('audit trail unavailable');
    this.events.push(event);
  }
}

/** A RefusalTrail for unit tests, like InMemoryAuditTrail. */
export class InMemoryRefusalTrail implements RefusalTrail {
  readonly events: SupportAccessRefused[] = [];
  failing = false;

  async record(event: SupportAccessRefused): Promise<void> {
    if (this.failing) throw new Error('audit trail unavailable');
    this.events.push(event);
  }
}
