import { Migration } from '@mikro-orm/migrations';
import { TENANT_ROLE } from './0001-initial';

const TENANT = `current_setting('app.tenant_id', true)`;
// audit-log.ts's AUDIT_LOCK_CLASS (0x1da0d1), written out: a migration does not follow later code.
const AUDIT_LOCK_CLASS = 1941713;

/**
 * Retention (ADR 15, 20): the indexes the purge jobs read by, and the one narrow path by which a
 * tenant's audit entries may go. The append-only trigger stays on for every statement; it now lets a
 * DELETE through only inside `tenant_audit_log_purge` (which sets `homi.audit_purge_before` for its
 * transaction), only for a row older than that cutoff, and only for the tenant's oldest remaining
 * row, the one right after its anchor. The trigger itself moves the anchor to the deleted row, so
 * the chain's remaining rows always link to it.
 */
export class Migration0003Retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index signups_finished_idx on signups (created_at) where status <> 'pending';`);
    this.addSql(`
      create index support_access_requests_finished_idx on support_access_requests ((coalesce(ended_at, decided_at)))
        where status in ('denied', 'revoked', 'expired', 'ended');`);
    this.addSql(`create index tenant_audit_log_occurred_idx on tenant_audit_log (occurred_at);`);
    this.addSql(`
      create table tenant_audit_anchors (
        tenant_id text primary key,
        seq bigint not null check (seq >= 1),
        hash text not null,
        occurred_at timestamptz not null
      );`);
    this.anchorGuard();
    this.deleteGate();
    this.purgeFunction();
    this.addSql(`alter table tenant_audit_anchors enable row level security;`);
    this.addSql(`
      create policy tenant_audit_anchors_tenant_isolation on tenant_audit_anchors to ${TENANT_ROLE}
        using (tenant_id = ${TENANT});`);
    // An append in a tenant's scope links to the anchor once every older row is gone.
    this.addSql(`grant select on tenant_audit_anchors to ${TENANT_ROLE};`);
  }

  /** An anchor only ever moves one row forward, and only during a purge. */
  private anchorGuard(): void {
    this.addSql(`
      create function tenant_audit_anchors_guard() returns trigger language plpgsql as $$
      begin
        if coalesce(current_setting('homi.audit_purge_before', true), '') <> '' then
          if tg_op = 'INSERT' and new.seq = 1 then return new; end if;
          if tg_op = 'UPDATE' and new.tenant_id = old.tenant_id and new.seq = old.seq + 1 then return new; end if;
        end if;
        raise exception 'tenant_audit_anchors moves only with a purge of the audit log' using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`
      create trigger tenant_audit_anchors_guard before insert or update or delete on tenant_audit_anchors
        for each row execute function tenant_audit_anchors_guard();`);
    this.addSql(`
      create trigger tenant_audit_anchors_no_truncate before truncate on tenant_audit_anchors
        for each statement execute function tenant_audit_anchors_guard();`);
  }

  /** The existing triggers keep calling this function; only its body changes. */
  private deleteGate(): void {
    this.addSql(`
      create or replace function tenant_audit_log_append_only() returns trigger language plpgsql as $$
      declare
        before_text text := coalesce(current_setting('homi.audit_purge_before', true), '');
        anchor_seq bigint;
      begin
        if tg_op = 'DELETE' and before_text <> '' then
          select seq into anchor_seq from tenant_audit_anchors where tenant_id = old.tenant_id for update;
          if old.occurred_at < before_text::timestamptz and old.seq = coalesce(anchor_seq, 0) + 1 then
            if anchor_seq is null then
              insert into tenant_audit_anchors (tenant_id, seq, hash, occurred_at) values (old.tenant_id, old.seq, old.hash, old.occurred_at);
            else
              update tenant_audit_anchors set seq = old.seq, hash = old.hash, occurred_at = old.occurred_at where tenant_id = old.tenant_id;
            end if;
            return old;
          end if;
        end if;
        raise exception 'tenant_audit_log is append-only' using errcode = 'insufficient_privilege';
      end $$;`);
  }

  /**
   * Deletes at most p_limit entries older than p_cutoff, per tenant from the oldest (by seq) and
   * stopping at a tenant's first younger entry, one row at a time so each passes the gate in order.
   * A tenant whose chain another transaction is appending to is skipped (its lock is not waited for).
   */
  private purgeFunction(): void {
    this.addSql(`
      create function tenant_audit_log_purge(p_cutoff timestamptz, p_limit int) returns int language plpgsql as $$
      declare
        t text;
        r record;
        n int := 0;
      begin
        perform set_config('homi.audit_purge_before', p_cutoff::text, true);
        for t in select distinct tenant_id from tenant_audit_log where occurred_at < p_cutoff order by tenant_id loop
          exit when n >= p_limit;
          continue when not pg_try_advisory_xact_lock(${AUDIT_LOCK_CLASS}, hashtext(t));
          for r in select seq, occurred_at from tenant_audit_log where tenant_id = t order by seq limit p_limit - n loop
            exit when r.occurred_at >= p_cutoff;
            delete from tenant_audit_log where tenant_id = t and seq = r.seq;
            n := n + 1;
          end loop;
        end loop;
        perform set_config('homi.audit_purge_before', '', true);
        return n;
      end $$;`);
  }
}
