import { randomBytes } from 'node:crypto';
import { createDatabase, databaseUrlFor, dropDatabase, withClient } from './database';

/** A fresh database owned by a login role of its own that is neither superuser nor BYPASSRLS. */
export interface OwnedDatabase {
  /** The database's URL as its owner: a service started on it migrates and runs as that role. */
  url: string;
  /** The owner role, also the database's name. */
  role: string;
  /** Drops the database, then the role (its memberships and grants with it). */
  drop(): Promise<void>;
}

export interface OwnedDatabaseOptions {
  /**
   * CREATEROLE, as production's owner has it (Helm: `ALTER ROLE homi CREATEROLE CREATEDB`), so the
   * services' migrations can create their row-level-security roles. Default true.
   */
  createRole?: boolean;
  /**
   * Roles the owner administers, as production's one owner `homi` does the services'
   * row-level-security roles its migrations created: made when missing and granted WITH ADMIN
   * OPTION. Since Postgres 16 a CREATEROLE owner may grant itself only a role it administers, so
   * a migration's `grant <role> to current_user` fails for every owner but the role's creator
   * (the test databases of earlier tests, each with an owner of its own, share one cluster).
   */
  adminOf?: string[];
}

/**
 * Database `name` owned by a new role `name`, as production runs (CloudNativePG's owner `homi`): the
 * tables a service's migrations create belong to a role that FORCE ROW LEVEL SECURITY applies to,
 * unlike the superuser tests otherwise connect as, which bypasses every policy. `serverUrl` must
 * name a role that may create roles and databases.
 */
export async function createOwnedDatabase(serverUrl: string, name: string, options: OwnedDatabaseOptions = {}): Promise<OwnedDatabase> {
  const password = randomBytes(18).toString('base64url');
  await withClient(serverUrl, async (client) => {
    const role = client.escapeIdentifier(name);
    const rights = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB ${options.createRole === false ? 'NOCREATEROLE' : 'CREATEROLE'}`;
    await client.query(`CREATE ROLE ${role} ${rights} PASSWORD ${client.escapeLiteral(password)}`);
    for (const name of options.adminOf ?? []) {
      const admin = client.escapeIdentifier(name);
      // Several test files may make it at once: losing that race is fine.
      await client.query(`DO $$ BEGIN CREATE ROLE ${admin} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
      await client.query(`GRANT ${admin} TO ${role} WITH ADMIN OPTION`);
    }
  });
  await createDatabase(serverUrl, name);
  await withClient(serverUrl, (client) => client.query(`ALTER DATABASE ${client.escapeIdentifier(name)} OWNER TO ${client.escapeIdentifier(name)}`));
  const url = new URL(databaseUrlFor(serverUrl, name));
  url.username = name;
  url.password = password;
  return {
    url: url.toString(),
    role: name,
    async drop() {
      await dropDatabase(serverUrl, name);
      await withClient(serverUrl, async (client) => {
        const role = client.escapeIdentifier(name);
        // Grants to it elsewhere (memberships of roles it created) go with DROP OWNED in this database.
        await client.query(`DROP OWNED BY ${role}`).catch(() => undefined);
        await client.query(`DROP ROLE IF EXISTS ${role}`);
      });
    },
  };
}
