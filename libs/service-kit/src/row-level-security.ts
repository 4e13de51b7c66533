const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}

/**
 * True in a transaction that declared itself cross-tenant (`app.all_tenants = 'on'`,
 * enterAllTenants), unless it runs as the tenant role: for that role the escape never counts, so a
 * tenant transaction stays limited to its tenant whatever it sets.
 */
export function allTenantsDeclared(tenantRole: string): string {
  return `(current_setting('app.all_tenants', true) = 'on' and current_user <> '${identifier(tenantRole)}')`;
}

/**
 * The rows a tenant table's policy admits (ADR 4): those of the transaction's tenant
 * (`app.tenant_id`), or every row in a transaction that declared itself cross-tenant.
 */
export function tenantRowsAdmitted(tenantRole: string, column = 'tenant_id'): string {
  return `${identifier(column)} = current_setting('app.tenant_id', true) or ${allTenantsDeclared(tenantRole)}`;
}

/**
 * Statements that put `table` under that policy for every role and command, the owner included
 * (row-level security enabled and forced), replacing a policy of the same name. What each role may
 * do at all stays a matter of its grants. Migrations call this: a change of what it admits needs a
 * migration that applies it again.
 */
export function forcedTenantIsolation(table: string, tenantRole: string, options: { column?: string; policy?: string } = {}): string[] {
  const t = identifier(table);
  const policy = identifier(options.policy ?? `${t}_tenant_isolation`);
  const admits = tenantRowsAdmitted(tenantRole, options.column);
  return [
    `alter table ${t} enable row level security;`,
    `alter table ${t} force row level security;`,
    `drop policy if exists ${policy} on ${t};`,
    `create policy ${policy} on ${t} using (${admits}) with check (${admits});`,
  ];
}

/**
 * Statements that create a service's tenant role (a role row-level security holds, which the service
 * switches to with `set local role`, see inTenantTransaction) unless it exists, also when created
 * concurrently, and grant it to the migrating owner. Needs CREATEROLE, or the role pre-created and
 * granted to the owner WITH ADMIN OPTION (ADR 4).
 */
export function tenantRoleStatements(tenantRole: string): string[] {
  const role = identifier(tenantRole);
  return [
    `do $$ begin
        create role ${role} nologin;
      exception when duplicate_object then null; when unique_violation then null;
      end $$;`,
    `grant ${role} to current_user;`,
  ];
}
