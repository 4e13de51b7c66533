import type { EntityManager } from '@mikro-orm/postgresql';
import type { OwnerDeclaration } from '@homi/contracts';
import type { OwnerRegistryPort } from '../application/ports';
import { RegisteredOwner } from '../domain/owner';

/** The data owners that have announced themselves, each with its newest declaration. */
export class OwnerRegistry implements OwnerRegistryPort {
  constructor(private readonly em: EntityManager) {}

  all(): Promise<RegisteredOwner[]> {
    return this.em.find(RegisteredOwner, {}, { orderBy: { owner: 'asc' } });
  }

  async names(): Promise<string[]> {
    return (await this.all()).map((o) => o.owner);
  }

  get(owner: string): Promise<RegisteredOwner | null> {
    return this.em.findOne(RegisteredOwner, { owner });
  }

  /**
   * Records an announcement. Messages may arrive out of order, so a declaration replaces the
   * stored one only when it was announced later; concurrent first announcements are one insert.
   */
  async announce(declaration: OwnerDeclaration, announcedAt: Date): Promise<'registered' | 'updated' | 'older'> {
    const rows = await this.em.execute<{ inserted: boolean }[]>(
      `insert into owners (owner, version, declaration, first_seen_at, last_announced_at)
       values (?, ?, cast(? as jsonb), ?, ?)
       on conflict (owner) do update
         set version = excluded.version, declaration = excluded.declaration, last_announced_at = excluded.last_announced_at
         where owners.last_announced_at <= excluded.last_announced_at
       returning (xmax = 0) as inserted`,
      [declaration.owner, declaration.version, JSON.stringify(declaration), announcedAt, announcedAt],
    );
    const row = rows[0];
    if (!row) return 'older';
    return row.inserted ? 'registered' : 'updated';
  }
}
