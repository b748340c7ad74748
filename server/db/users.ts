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

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)');
    this.byNameStmt = db.prepare('SELECT id, name, role, password_hash AS passwordHash FROM users WHERE name = ?');
    this.listStmt = db.prepare('SELECT id, name, role, created_at AS createdAt FROM users ORDER BY name');
    this.setRoleStmt = db.prepare('UPDATE users SET role = ? WHERE id = ?');
    this.setPasswordStmt = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM users');
    this.insertSessionStmt = db.prepare('INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.sessionStmt = db.prepare(`SELECT u.id, u.name, u.role, s.csrf_token AS csrfToken FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ? AND s.expires_at > ?`);
    this.deleteSessionStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.insertTokenStmt = db.prepare('INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)');
    this.tokenStmt = db.prepare('SELECT u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?');
    this.touchTokenStmt = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?');
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  insert(name: string, role: Role, passwordHash: string): User {
    const id = Number(this.insertStmt.run(name, role, passwordHash, now()).lastInsertRowid);
    return { id, name, role };
  }

  byName(name: string): (User & { passwordHash: string }) | undefined {
    return this.byNameStmt.get(name) as (User & { passwordHash: string }) | undefined;
  }

  list(): (User & { createdAt: string })[] {
    return this.listStmt.all() as (User & { createdAt: string })[];
  }

  setRole(id: number, role: Role): void {
    this.setRoleStmt.run(role, id);
  }

  setPassword(id: number, passwordHash: string): void {
    this.setPasswordStmt.run(passwordHash, id);
  }

  /** Starts a session; returns the secret for the cookie (only its hash is stored). */
  createSession(userId: number): { token: string; csrfToken: string } {
    const token = randomSecret();
    const csrfToken = randomSecret();
    const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
    this.insertSessionStmt.run(secretHash(token), userId, csrfToken, now(), expires);
    return { token, csrfToken };
  }

  session(token: string): (User & { csrfToken: string }) | undefined {
    return this.sessionStmt.get(secretHash(token), now()) as (User & { csrfToken: string }) | undefined;
  }

  endSession(token: string): void {
    this.deleteSessionStmt.run(secretHash(token));
  }

  /** Creates an API token; returns the secret, shown once. */
  createToken(userId: number): string {
    const token = `cq_${randomSecret()}`;
    this.insertTokenStmt.run(userId, secretHash(token), now());
    return token;
  }

  /** Registers a token chosen by the operator (CALQUE_ADMIN_TOKEN at first start). */
  addToken(userId: number, token: string): void {
    this.insertTokenStmt.run(userId, secretHash(token), now());
  }

  /** The token's user. Its last use is written at most once a minute, so reads stay reads. */
  byToken(token: string): User | undefined {
    const hash = secretHash(token);
    const user = this.tokenStmt.get(hash) as User | undefined;
    const last = this.lastTouched.get(hash) ?? 0;
    if (user && Date.now() - last > 60_000) {
      this.lastTouched.set(hash, Date.now());
      try {
        this.touchTokenStmt.run(now(), hash);
      } catch {
        // A busy database must not turn a read into an error: the timestamp is only informative.
      }
    }
    return user;
  }

  private readonly lastTouched = new Map<string, number>();
}
