import type { CurrentStatement, UserAccess } from '@homi/contracts';
import type { UserAccessStore } from '../application/ports';

/** A UserAccessStore for unit tests and local experiments. */
export class InMemoryUserAccessStore implements UserAccessStore {
  private readonly users = new Map<string, UserAccess>();
  private statement?: CurrentStatement;

  put(access: UserAccess): void {
    this.users.set(access.userId, access);
  }

  has(userId: string): boolean {
    return this.users.has(userId);
  }

  remove(userId: string): void {
    this.users.delete(userId);
  }

  publish(statement: CurrentStatement | undefined): void {
    this.statement = statement;
  }

  async get(userId: string): Promise<UserAccess | undefined> {
    return this.users.get(userId);
  }

  async currentStatement(): Promise<CurrentStatement | undefined> {
    return this.statement;
  }
}
