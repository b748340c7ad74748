import type { Migration } from '../migrate';

/**
 * Users and API tokens get ids that are never handed out again (AUTOINCREMENT), and users can be
 * deactivated. SQLite cannot add AUTOINCREMENT to a table, so the three account tables are
 * rebuilt: new tables filled from the old, the children dropped before their parent (so that no
 * ON DELETE CASCADE fires), then renamed into place (the rename rewrites the foreign keys).
 * Sessions and tokens left behind by a user row deleted by hand are dropped, and the id sequence
 * starts past every id such a row ever had, so no new user inherits them.
 */
export const accountIds: Migration = {
  version: 6,
  name: '0006-account-ids',
  up: `
    CREATE TABLE users_v6 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      role TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin')),
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      deactivated_at TEXT
    ) STRICT;
    INSERT INTO users_v6 (id, name, role, password_hash, created_at)
      SELECT id, name, role, password_hash, created_at FROM users ORDER BY id;

    CREATE TABLE sessions_v6 (
      token_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users_v6(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO sessions_v6 (token_hash, user_id, csrf_token, created_at, expires_at)
      SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE user_id IN (SELECT id FROM users);

    CREATE TABLE api_tokens_v6 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER NOT NULL REFERENCES users_v6(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      last_used_at TEXT
    ) STRICT;
    INSERT INTO api_tokens_v6 (id, user_id, token_hash, created_at, last_used_at)
      SELECT id, user_id, token_hash, created_at, last_used_at FROM api_tokens WHERE user_id IN (SELECT id FROM users) ORDER BY id;

    INSERT INTO sqlite_sequence (name, seq) SELECT 'users_v6', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'users_v6');
    UPDATE sqlite_sequence SET seq = max(seq,
      coalesce((SELECT max(id) FROM users), 0),
      coalesce((SELECT max(user_id) FROM sessions), 0),
      coalesce((SELECT max(user_id) FROM api_tokens), 0)) WHERE name = 'users_v6';
    INSERT INTO sqlite_sequence (name, seq) SELECT 'api_tokens_v6', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'api_tokens_v6');
    UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(id) FROM api_tokens), 0)) WHERE name = 'api_tokens_v6';

    DROP TABLE sessions;
    DROP TABLE api_tokens;
    DROP TABLE users;
    ALTER TABLE users_v6 RENAME TO users;
    ALTER TABLE sessions_v6 RENAME TO sessions;
    ALTER TABLE api_tokens_v6 RENAME TO api_tokens;
    CREATE INDEX sessions_by_user ON sessions(user_id);
    CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
  `,
};
