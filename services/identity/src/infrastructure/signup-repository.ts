import type { EntityManager } from '@mikro-orm/postgresql';
import { SignupAttempt } from '../domain/signup-attempt';
import type { Signups } from '../application/ports';

export class SignupRepository implements Signups {
  constructor(private readonly em: EntityManager) {}

  get(id: string): Promise<SignupAttempt | null> {
    return this.em.findOne(SignupAttempt, { id });
  }

  add(attempt: SignupAttempt): void {
    this.em.persist(attempt);
  }

  remove(attempt: SignupAttempt): void {
    this.em.remove(attempt);
  }

  /** One pending attempt older than `before` that no other replica is compensating right now. */
  async claimStale(before: Date): Promise<SignupAttempt | null> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select id from signups where status = 'pending' and created_at < ? order by created_at limit 1 for update skip locked`,
      [before],
    );
    return rows[0] ? this.em.findOne(SignupAttempt, { id: rows[0].id }) : null;
  }
}
