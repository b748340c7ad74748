import type { Db } from './connection';
import { now } from './time';
import { randomSecret, secretHash } from '../auth/secrets';

export type Role = 'editor' | 'reviewer' | 'admin';
export const ROLES: Role[] = ['editor', 'reviewer', 'admin'];

export interface User {
  id: number;
  name: string;
  role: Role;
}

export interface UserListing extends User {
  createdAt: string;
  /** When the account was deactivated; null while active. */
  deactivatedAt: string | null;
}

export interface TokenListing {
  id: number;
  userId: number;
  userName: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const SESSION_DAYS = 14;

/** Accounts, their login sessions and their API tokens. */
export class UserRepo {
  private readonly insertStmt;
  private readonly byNameStmt;
  private readonly listStmt;
  private readonly setRoleStmt;
  private readonly setPasswordStmt;
  private readonly countStmt;
  private readonly insertSessionStmt;
  private readonly sessionStmt;
  private readonly deleteSessionStmt;
  private readonly insertTokenStmt;
  private readonly tokenStmt;
  private readonly touchTokenStmt;
  private readonly dataVersionStmt;
  private readonly getStmt;
  private readonly activeAdminsStmt;
  private readonly deactivateStmt;
  private readonly deleteSessionsOfStmt;
  private readonly deleteTokensOfStmt;
  private readonly tokensStmt;
  private readonly deleteTokenStmt;
  private readonly tokenByIdStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)');
    this.byNameStmt = db.prepare('SELECT id, name, role, password_hash AS passwordHash, deactivated_at AS deactivatedAt FROM users WHERE name = ?');
    this.listStmt = db.prepare('SELECT id, name, role, created_at AS createdAt, deactivated_at AS deactivatedAt FROM users ORDER BY deactivated_at IS NOT NULL, name');
    this.setRoleStmt = db.prepare('UPDATE users SET role = ? WHERE id = ?');
    this.setPasswordStmt = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM users');
    this.insertSessionStmt = db.prepare('INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.sessionStmt = db.prepare(`SELECT u.id, u.name, u.role, s.csrf_token AS csrfToken FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ? AND s.expires_at > ? AND u.deactivated_at IS NULL`);
    this.deleteSessionStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.insertTokenStmt = db.prepare('INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)');
    this.tokenStmt = db.prepare('SELECT u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.deactivated_at IS NULL');
    this.touchTokenStmt = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?');
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
    this.getStmt = db.prepare('SELECT id, name, role, created_at AS createdAt, deactivated_at AS deactivatedAt FROM users WHERE id = ?');
    this.activeAdminsStmt = db.prepare(`SELECT count(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL`).pluck();
    this.deactivateStmt = db.prepare('UPDATE users SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL');
    this.deleteSessionsOfStmt = db.prepare('DELETE FROM sessions WHERE user_id = ?');
    this.deleteTokensOfStmt = db.prepare('DELETE FROM api_tokens WHERE user_id = ?');
    this.tokensStmt = db.prepare(`SELECT t.id, t.user_id AS userId, u.name AS userName, t.created_at AS createdAt, t.last_used_at AS lastUsedAt
      FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY u.name, t.id`);
    this.deleteTokenStmt = db.prepare('DELETE FROM api_tokens WHERE id = ?');
    this.tokenByIdStmt = db.prepare(`SELECT t.id, t.user_id AS userId, u.name AS userName, t.created_at AS createdAt, t.last_used_at AS lastUsedAt
      FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`);
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  insert(name: string, role: Role, passwordHash: string): User {
    this.changed();
    const id = Number(this.insertStmt.run(name, role, passwordHash, now()).lastInsertRowid);
    return { id, name, role };
  }

  byName(name: string): (User & { passwordHash: string; deactivatedAt: string | null }) | undefined {
    return this.byNameStmt.get(name) as (User & { passwordHash: string; deactivatedAt: string | null }) | undefined;
  }

  get(id: number): UserListing | undefined {
    return this.getStmt.get(id) as UserListing | undefined;
  }

  /** Active users first, then deactivated ones; by name. */
  list(): UserListing[] {
    return this.listStmt.all() as UserListing[];
  }

  /** Admins who can still sign in. */
  activeAdmins(): number {
    return this.activeAdminsStmt.get() as number;
  }

  /** Keeps the account (its name stays taken, the log keeps naming it) but ends its sessions and tokens. */
  deactivate(id: number): boolean {
    this.changed();
    const done = this.deactivateStmt.run(now(), id).changes > 0;
    this.deleteSessionsOfStmt.run(id);
    this.deleteTokensOfStmt.run(id);
    return done;
  }

  /** Every API token (never the secret: only when it was made and last used). */
  tokens(): TokenListing[] {
    return this.tokensStmt.all() as TokenListing[];
  }

  token(id: number): TokenListing | undefined {
    return this.tokenByIdStmt.get(id) as TokenListing | undefined;
  }

  revokeToken(id: number): boolean {
    this.changed();
    return this.deleteTokenStmt.run(id).changes > 0;
  }

  setRole(id: number, role: Role): void {
    this.changed();
    this.setRoleStmt.run(role, id);
  }

  setPassword(id: number, passwordHash: string): void {
    this.changed();
    this.setPasswordStmt.run(passwordHash, id);
  }

  /** Starts a session; returns the secret for the cookie (only its hash is stored). */
  createSession(userId: number): { token: string; csrfToken: string } {
    const token = randomSecret();
    const csrfToken = randomSecret();
    const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
    this.changed();
    this.insertSessionStmt.run(secretHash(token), userId, csrfToken, now(), expires);
    return { token, csrfToken };
  }

  session(token: string): (User & { csrfToken: string }) | undefined {
    return this.sessionStmt.get(secretHash(token), now()) as (User & { csrfToken: string }) | undefined;
  }

  endSession(token: string): void {
    this.changed();
    this.deleteSessionStmt.run(secretHash(token));
  }

  /** Creates an API token; returns the secret, shown once. */
  createToken(userId: number): string {
    const token = `cq_${randomSecret()}`;
    this.changed();
    this.insertTokenStmt.run(userId, secretHash(token), now());
    return token;
  }

  /** Registers a token chosen by the operator (CALQUE_ADMIN_TOKEN at first start). */
  addToken(userId: number, token: string): void {
    this.changed();
    this.insertTokenStmt.run(userId, secretHash(token), now());
  }

  /**
   * The token's user. Its last use is written at most once a minute, so reads stay reads. Found
   * users are remembered, since hashing the token and the lookup are most of what authenticating an
   * API call costs, until the accounts may have changed: any write through this repo, or a commit
   * by another connection (PRAGMA data_version), forgets them all.
   */
  byToken(token: string): User | undefined {
    const dataVersion = this.dataVersionStmt.get() as number;
    let known = this.knownTokens.get(token);
    if (!known || known.generation !== this.generation || known.dataVersion !== dataVersion) {
      const hash = secretHash(token);
      const user = this.tokenStmt.get(hash) as User | undefined;
      if (!user) {
        this.knownTokens.delete(token);
        return undefined;
      }
      if (this.knownTokens.size >= 1000) this.knownTokens.clear();
      this.knownTokens.set(token, (known = { user, hash, generation: this.generation, dataVersion }));
    }
    this.touch(known.hash);
    return { ...known.user };
  }

  private touch(hash: string): void {
    const last = this.lastTouched.get(hash) ?? 0;
    if (Date.now() - last <= 60_000) return;
    this.lastTouched.set(hash, Date.now());
    try {
      this.touchTokenStmt.run(now(), hash);
    } catch {
      // A busy database must not turn a read into an error: the timestamp is only informative.
    }
  }

  private readonly lastTouched = new Map<string, number>();
  private readonly knownTokens = new Map<string, { user: User; hash: string; generation: number; dataVersion: number }>();
  /** Counts this repo's writes, which may change who a token belongs to or what role they have. */
  private generation = 0;

  private changed(): void {
    this.generation++;
  }
}
