import type { NatsConnection } from '@nats-io/transport-node';
import { CURRENT_STATEMENT_KEY, CurrentStatement, UserAccess, USERS_BUCKET } from '@homi/contracts';
import type { UserAccessStore } from '../application/ports';
import { KEY_TOKEN, type WatchedKvMap } from './watched-kv-map';
import { openWatchedMap, WatchedStore, type WatchedStoreOptions } from './watched-store';

export type NatsUserAccessStoreOptions = WatchedStoreOptions;

type UsersEntry = { kind: 'user'; access: UserAccess } | { kind: 'statement'; statement: CurrentStatement };

/** The current statement under its platform key; a user's access under that user's id, and nowhere else. */
function decodeUsersEntry(key: string, value: unknown): UsersEntry | undefined {
  if (key === CURRENT_STATEMENT_KEY) {
    const statement = CurrentStatement.safeParse(value);
    return statement.success ? { kind: 'statement', statement: statement.data } : undefined;
  }
  const access = UserAccess.safeParse(value);
  return access.success && access.data.userId === key ? { kind: 'user', access: access.data } : undefined;
}

/**
 * The users bucket identity writes (key `<userId>` → UserAccess, `platform.privacy-statement` →
 * CurrentStatement), kept current in memory by a watch (see WatchedKvMap): disabling a user or
 * publishing a statement reaches every request within milliseconds.
 */
export class NatsUserAccessStore extends WatchedStore<UsersEntry> implements UserAccessStore {
  private constructor(map: WatchedKvMap<UsersEntry>) {
    super(map);
  }

  /** Opens (creating when missing) the bucket and starts watching it. */
  static async open(nc: NatsConnection, options: NatsUserAccessStoreOptions): Promise<NatsUserAccessStore> {
    return new NatsUserAccessStore(await openWatchedMap(nc, options, { bucket: USERS_BUCKET, noun: 'user access', decode: decodeUsersEntry }));
  }

  async get(userId: string): Promise<UserAccess | undefined> {
    if (!KEY_TOKEN.test(userId)) return undefined;
    const entry = await this.map.get(userId);
    return entry?.kind === 'user' ? entry.access : undefined;
  }

  async currentStatement(): Promise<CurrentStatement | undefined> {
    const entry = await this.map.get(CURRENT_STATEMENT_KEY);
    return entry?.kind === 'statement' ? entry.statement : undefined;
  }
}
