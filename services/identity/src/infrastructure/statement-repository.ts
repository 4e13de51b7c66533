import type { EntityManager } from '@mikro-orm/postgresql';
import { PrivacyStatement, StatementAcceptance } from '../domain/privacy-statement';
import type { Statements } from '../application/ports';

/** Published privacy statement versions and who accepted which. Nothing here is ever updated. */
export class StatementRepository implements Statements {
  constructor(private readonly em: EntityManager) {}

  /** The version published last is the current one. */
  async current(): Promise<PrivacyStatement | null> {
    const [latest] = await this.em.find(PrivacyStatement, {}, { orderBy: { publishedAt: 'desc', version: 'desc' }, limit: 1 });
    return latest ?? null;
  }

  get(version: string): Promise<PrivacyStatement | null> {
    return this.em.findOne(PrivacyStatement, { version });
  }

  history(): Promise<PrivacyStatement[]> {
    return this.em.find(PrivacyStatement, {}, { orderBy: { publishedAt: 'desc', version: 'desc' } });
  }

  add(statement: PrivacyStatement): void {
    this.em.persist(statement);
  }

  /** Records an acceptance once; accepting the same version again changes nothing. */
  async accept(userId: string, version: string, at: Date): Promise<boolean> {
    await this.em.flush(); // a user added in this unit of work first, for the foreign key
    const rows = await this.em.execute<{ user_id: string }[]>(
      `insert into privacy_statement_acceptances (user_id, version, accepted_at) values (?, ?, ?)
        on conflict (user_id, version) do nothing returning user_id`,
      [userId, version, at],
    );
    return rows.length > 0;
  }

  acceptancesOf(userId: string): Promise<StatementAcceptance[]> {
    return this.em.find(StatementAcceptance, { userId }, { orderBy: { acceptedAt: 'asc' } });
  }

  /** The most recently published version the user accepted, or null. */
  async acceptedVersion(userId: string): Promise<string | null> {
    const rows = await this.em.execute<{ version: string }[]>(
      `select a.version from privacy_statement_acceptances a join privacy_statements s on s.version = a.version
        where a.user_id = ? order by s.published_at desc, s.version desc limit 1`,
      [userId],
    );
    return rows[0]?.version ?? null;
  }

  /** Inserts the first version unless any version exists; true when this call inserted it. */
  async seed(statement: PrivacyStatement): Promise<boolean> {
    const rows = await this.em.execute<{ version: string }[]>(
      `insert into privacy_statements (version, published_at, text)
        select ?, ?, ? where not exists (select 1 from privacy_statements)
        on conflict (version) do nothing returning version`,
      [statement.version, statement.publishedAt, statement.text],
    );
    return rows.length > 0;
  }
}
