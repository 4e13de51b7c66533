import type { EntityManager } from '@mikro-orm/postgresql';
import { SupportGrant } from '@homi/contracts';
import type { GrantReads } from '../application/ports';

interface Row {
  id: string;
  tenant_id: string;
  support_user_id: string;
  granted_modules: unknown;
  granted_mode: string;
  decided_by: string;
  starts_at: Date | string;
  expires_at: Date | string;
}

const toGrant = (r: Row): SupportGrant =>
  SupportGrant.parse({
    requestId: r.id, tenantId: r.tenant_id, supportUserId: r.support_user_id, modules: r.granted_modules, mode: r.granted_mode,
    approvedBy: r.decided_by, startsAt: new Date(r.starts_at).toISOString(), expiresAt: new Date(r.expires_at).toISOString(),
  });

const ACTIVE = `select id, tenant_id, support_user_id, granted_modules, granted_mode, decided_by, starts_at, expires_at
  from support_access_requests where status = 'active' and expires_at > ?`;

/** Active grants straight from the database (plain SQL: always the latest commit), in the KV entry's shape. */
export class GrantReader implements GrantReads {
  constructor(private readonly em: EntityManager) {}

  async grant(requestId: string, now: Date): Promise<SupportGrant | null> {
    const [row] = await this.em.execute<Row[]>(`${ACTIVE} and id = ?`, [now, requestId]);
    return row ? toGrant(row) : null;
  }

  async allActive(now: Date): Promise<SupportGrant[]> {
    return (await this.em.execute<Row[]>(`${ACTIVE} order by id`, [now])).map(toGrant);
  }
}
