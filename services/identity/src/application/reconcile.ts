import { periodicJob, type PeriodicJob } from '@homi/service-kit';
import type { Deps } from './deps';
import { madeSince } from './ports';

type ReconcileDeps = Pick<Deps, 'uow' | 'clock' | 'idp' | 'logger'>;

/** Why the sweeper crosses tenants: sign-ups and accounts are no tenant's, and any may be owed work. */
const SWEEP = 'the sweeper: interrupted sign-ups and owed account disables, whoever they are';

const BATCH = 20;

/**
 * Compensates sign-ups left pending by a crash or a failed compensation: the account, if one was
 * made and no user row took it, is deleted (found by address only if it is newer than the
 * attempt), and the attempt is marked failed. Replicas skip each
 * other's rows (`skip locked`).
 */
export async function compensateStaleSignups(deps: ReconcileDeps, staleAfterMs: number): Promise<number> {
  let done = 0;
  for (; done < BATCH; done++) {
    const handled = await deps.uow.acrossTenants(SWEEP, async ({ signups, users }) => {
      const now = deps.clock();
      const attempt = await signups.claimStale(new Date(now.getTime() - staleAfterMs));
      if (!attempt) return false;
      const accountId = attempt.userId ?? (await leftoverByAddress(deps, attempt.email, attempt.createdAt));
      if (accountId && !(await users.get(accountId))) await deps.idp.deleteUser(accountId);
      Object.assign(attempt, { status: 'failed', email: null, failure: 'interrupted', updatedAt: now });
      deps.logger.warn({ signupId: attempt.id }, 'compensated an interrupted sign-up');
      return true;
    });
    if (!handled) break;
  }
  return done;
}

/** The account under the address, if it can be the attempt's own (not someone's older account). */
async function leftoverByAddress(deps: ReconcileDeps, email: string | null, startedAt: Date): Promise<string | undefined> {
  const account = email ? await deps.idp.findByEmail(email) : undefined;
  return account && madeSince(account, startedAt) ? account.id : undefined;
}

/** Disables, in the identity provider, accounts whose deletion was requested while it did not answer. */
export async function disableOwedAccounts(deps: ReconcileDeps): Promise<number> {
  const owed = await deps.uow.acrossTenants(SWEEP, ({ users }) => users.disableOwed(BATCH));
  let done = 0;
  for (const user of owed) {
    if (await disableAccount(deps, user.id)) done++;
  }
  return done;
}

/** Disables the account in the identity provider and records that; false (logged) if it did not answer. */
export async function disableAccount(deps: ReconcileDeps, userId: string): Promise<boolean> {
  try {
    await deps.idp.updateUser(userId, { enabled: false });
  } catch (err) {
    deps.logger.warn({ err, userId }, 'identity provider did not disable the account; will retry');
    return false;
  }
  await deps.uow.asUser(userId, async ({ users }) => {
    const user = await users.get(userId);
    if (user && !user.idpDisabledAt) user.idpDisabledAt = deps.clock();
  });
  return true;
}

/** Runs both jobs every `intervalMs`, one run at a time. */
export function reconciler(deps: ReconcileDeps, options: { intervalMs: number; signupStaleAfterMs: number }): PeriodicJob<void> {
  return periodicJob({
    name: 'reconciliation',
    intervalMs: options.intervalMs,
    logger: deps.logger,
    work: async () => {
      await compensateStaleSignups(deps, options.signupStaleAfterMs);
      await disableOwedAccounts(deps);
    },
  });
}
