import type { Store } from '../db/store';
import { ROLES, type Role, type User, type UserListing } from '../db/users';
import { badRequest, conflict, notFound } from '../errors';
import { hashPassword, readablePassword, verifyPassword } from './secrets';

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u;

/** Creating accounts, checking passwords, and the first admin of a new database. */
export class AccountService {
  constructor(private readonly store: Store) {}

  async createUser(name: string, role: string, password?: string): Promise<{ user: User; password: string }> {
    if (!NAME.test(name)) throw badRequest('invalid-name', 'A user name has 1 to 40 letters, digits, spaces, dots, dashes or underscores.');
    if (!(ROLES as string[]).includes(role)) throw badRequest('invalid-role', `The role must be one of ${ROLES.join(', ')}.`);
    const secret = password ?? readablePassword();
    if (secret.length < 10) throw badRequest('weak-password', 'A password needs at least 10 characters.');
    if (this.store.users.byName(name)) throw conflict('user-exists', `There is already a user called ${name}.`);
    const hash = await hashPassword(secret);
    const user = this.store.transaction(() => {
      const created = this.store.users.insert(name, role as Role, hash);
      this.store.events.record({ actor: 'system', action: 'user.created', details: { name, role } });
      return created;
    });
    return { user, password: secret };
  }

  /** The user, if the password is right. Unknown names cost the same time as wrong passwords. */
  async check(name: string, password: string): Promise<User | undefined> {
    const found = this.store.users.byName(name);
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    return found && ok && found.deactivatedAt === null ? { id: found.id, name: found.name, role: found.role } : undefined;
  }

  private existing(id: number): UserListing {
    const user = this.store.users.get(id);
    if (!user) throw notFound(`User ${id}`);
    return user;
  }

  /** Refuses to leave the server without an admin who can sign in. */
  private keepAnAdmin(user: UserListing, change: string): void {
    if (user.role === 'admin' && user.deactivatedAt === null && this.store.users.activeAdmins() <= 1) {
      throw conflict('last-admin', `${user.name} is the only admin; make another user an admin before you ${change}.`);
    }
  }

  setRole(id: number, role: string, actor: string): UserListing {
    if (!(ROLES as string[]).includes(role)) throw badRequest('invalid-role', `The role must be one of ${ROLES.join(', ')}.`);
    return this.store.transaction(() => {
      const user = this.existing(id);
      if (user.role === role) return user;
      if (role !== 'admin') this.keepAnAdmin(user, `change ${user.name === actor ? 'your own' : 'their'} role`);
      this.store.users.setRole(id, role as Role);
      this.store.events.record({ actor, action: 'user.role', details: { userId: id, name: user.name, role } });
      return this.existing(id);
    });
  }

  /** The user can no longer sign in; their sessions and API tokens end at once. Ids are never reused. */
  deactivate(id: number, actor: string): UserListing {
    return this.store.transaction(() => {
      const user = this.existing(id);
      if (user.deactivatedAt !== null) return user;
      this.keepAnAdmin(user, `deactivate ${user.name === actor ? 'yourself' : 'them'}`);
      this.store.users.deactivate(id);
      this.store.events.record({ actor, action: 'user.deactivated', details: { userId: id, name: user.name } });
      return this.existing(id);
    });
  }

  revokeToken(id: number, actor: string): void {
    this.store.transaction(() => {
      const token = this.store.users.token(id);
      if (!token) throw notFound(`API token ${id}`);
      this.store.users.revokeToken(id);
      this.store.events.record({ actor, action: 'token.revoked', details: { tokenId: id, for: token.userName } });
    });
  }

  /**
   * On a database without users, creates the admin account: with CALQUE_ADMIN_PASSWORD when set,
   * else with a generated password returned once for printing. CALQUE_ADMIN_TOKEN, when set,
   * becomes an API token of that admin (for scripts that provision a server).
   */
  async ensureAdmin(env: NodeJS.ProcessEnv): Promise<{ name: string; password?: string } | undefined> {
    if (this.store.users.count() > 0) return undefined;
    const name = env.CALQUE_ADMIN_NAME || 'admin';
    const given = env.CALQUE_ADMIN_PASSWORD;
    if (given !== undefined && given.length < 10) throw badRequest('weak-password', 'CALQUE_ADMIN_PASSWORD needs at least 10 characters.');
    const password = given || readablePassword();
    const hash = await hashPassword(password);
    // Checked again inside the write transaction: servers starting together create one admin.
    const created = this.store.transaction(() => {
      if (this.store.users.count() > 0) return false;
      const user = this.store.users.insert(name, 'admin', hash);
      if (env.CALQUE_ADMIN_TOKEN) this.store.users.addToken(user.id, env.CALQUE_ADMIN_TOKEN);
      this.store.events.record({ actor: 'system', action: 'user.created', details: { name, role: 'admin' } });
      return true;
    });
    return created ? { name, password: given ? undefined : password } : undefined;
  }
}

// A valid hash of a random password, checked when the user does not exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
