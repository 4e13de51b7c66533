import { fullPermissions, MembershipChanged, UserAccessChanged, type identityApi } from '@homi/contracts';
import { isAppError } from '@homi/service-kit';
import { Membership } from '../domain/membership';
import { SignupAttempt } from '../domain/signup-attempt';
import { User } from '../domain/user';
import type { Deps } from './deps';
import { emailTaken, madeSince } from './ports';
import { runSaga, type SagaStep } from './saga';
import { assertCurrentStatement } from './privacy-statements';
import { isUniqueViolation } from './unique-violation';

type SignUpDeps = Pick<Deps, 'uow' | 'idp' | 'clock' | 'newId' | 'logger' | 'tenantStep' | 'projectNow'>;

/** Why a sign-up's work crosses tenants: it makes a tenant, and an address is unique across all of them. */
export const SIGN_UP = 'a sign-up: a new tenant, and an account whose address no tenant may hold already';

interface SignupContext {
  input: identityApi.Signup;
  attemptId: string;
  tenantId: string;
  proposedUserId: string;
  userId?: string;
  /** The provider did not answer the creation: the account may exist although we have no id. */
  accountUncertain?: boolean;
  now: Date;
}

/**
 * Signs an institute up: the owner's account, the tenant, the owner membership and the privacy
 * statement acceptance. Either all of it exists afterwards, or none of it (ADR 8).
 */
export async function signUp(deps: SignUpDeps, input: identityApi.Signup): Promise<{ userId: string; tenantId: string }> {
  await assertCanSignUp(deps, input);
  const ctx: SignupContext = {
    input,
    attemptId: deps.newId('sgn'),
    tenantId: deps.newId('ten'),
    proposedUserId: deps.newId('usr'),
    now: deps.clock(),
  };
  await runSaga(ctx, signupSteps(deps), (step, err) =>
    deps.logger.error({ err, step, signupId: ctx.attemptId }, 'sign-up compensation failed; the sweeper will finish it'),
  );
  const userId = ctx.userId as string;
  // The new owner's next call must find the membership and acceptance at the gateway (ADR 8).
  await deps.projectNow?.({ userId, tenantId: ctx.tenantId }).catch((err: unknown) => deps.logger.warn({ err, userId }, 'access not projected yet; the event will'));
  // After the saga: the account exists either way, and a lost mail can be asked for again at login.
  await deps.idp.sendVerificationEmail(userId).catch((err: unknown) => deps.logger.warn({ err, userId }, 'verification mail not sent'));
  return { userId, tenantId: ctx.tenantId };
}

async function assertCanSignUp(deps: SignUpDeps, input: identityApi.Signup): Promise<void> {
  await deps.uow.acrossTenants(SIGN_UP, async ({ statements, users }) => {
    await assertCurrentStatement(statements, input.acceptedPrivacyStatementVersion, 'acceptedPrivacyStatementVersion');
    if (await users.findByEmail(input.email)) throw emailTaken();
  });
}

function signupSteps(deps: SignUpDeps): SagaStep<SignupContext>[] {
  return [
    {
      name: 'record-attempt',
      run: async (ctx) => {
        try {
          await deps.uow.acrossTenants(SIGN_UP, async ({ signups }) => signups.add(new SignupAttempt(ctx.attemptId, ctx.input.email, ctx.tenantId, ctx.now)));
        } catch (err) {
          if (isUniqueViolation(err, 'signups_pending_email_key')) throw emailTaken();
          throw err;
        }
      },
      // Without an account nothing was made, so nothing is kept; otherwise the failure is recorded.
      compensate: async (ctx, failedStep) => {
        if (ctx.accountUncertain) await deleteUnrecordedAccount(deps, ctx.input.email, ctx.now);
        await deps.uow.acrossTenants(SIGN_UP, async ({ signups }) => {
          const attempt = await signups.get(ctx.attemptId);
          if (!attempt) return;
          if (!ctx.userId) return signups.remove(attempt);
          Object.assign(attempt, { status: 'failed', email: null, failure: `${failedStep}-failed`, updatedAt: deps.clock() });
        });
      },
    },
    {
      name: 'create-account',
      run: async (ctx) => {
        const { email, name, password } = ctx.input;
        try {
          ctx.userId = (await deps.idp.createUser({ id: ctx.proposedUserId, email, name, password, enabled: true })).id;
        } catch (err) {
          ctx.accountUncertain = isAppError(err) && err.kind === 'unavailable';
          throw err;
        }
      },
      compensate: (ctx) => deps.idp.deleteUser(ctx.userId as string),
    },
    {
      name: 'record-account',
      run: (ctx) =>
        deps.uow.acrossTenants(SIGN_UP, async ({ signups }) => {
          const attempt = await signups.get(ctx.attemptId);
          if (attempt) Object.assign(attempt, { userId: ctx.userId, updatedAt: deps.clock() });
        }),
    },
    { name: 'create-tenant', run: (ctx) => createTenantAndOwner(deps, ctx) },
  ];
}

/**
 * After a creation the provider did not answer, an account under the address may exist all the
 * same; it is deleted if it is new enough to be this attempt's and no user row holds it. If the provider still does not answer, this
 * throws, the attempt stays pending, and the sweeper tries again later.
 */
async function deleteUnrecordedAccount(deps: SignUpDeps, email: string, startedAt: Date): Promise<void> {
  const account = await deps.idp.findByEmail(email);
  if (!account || !madeSince(account, startedAt)) return;
  const owned = await deps.uow.acrossTenants(SIGN_UP, ({ users }) => users.get(account.id));
  if (!owned) await deps.idp.deleteUser(account.id);
}

/** One transaction: user, tenant (the injectable tenant step), owner membership, acceptance, events. */
async function createTenantAndOwner(deps: SignUpDeps, ctx: SignupContext): Promise<void> {
  const { input, tenantId, now } = ctx;
  const userId = ctx.userId as string;
  const occurredAt = now.toISOString();
  try {
    await deps.uow.asUser(userId, async (repositories) => {
      await repositories.users.add(new User(userId, input.email, input.name, now));
      const { name: instituteName, kvkNumber, address, phone } = input.institute;
      await deps.tenantStep(repositories, { tenantId, instituteName, kvkNumber, address, phone, now });
      repositories.memberships.add(new Membership(tenantId, userId, 'owner', fullPermissions(), now));
      await repositories.statements.accept(userId, input.acceptedPrivacyStatementVersion, now);
      repositories.events.publish(MembershipChanged, { tenantId, userId, occurredAt });
      repositories.events.publish(UserAccessChanged, { userId, occurredAt });
      const attempt = await repositories.signups.get(ctx.attemptId);
      if (attempt) Object.assign(attempt, { status: 'completed', email: null, updatedAt: now });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_key')) throw emailTaken();
    throw err;
  }
}
