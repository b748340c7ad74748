import { loadConfig } from './config';
import { openDatabase } from './db/connection';
import { Store } from './db/store';
import { AccountService } from './auth/accounts';
import { AppError } from './errors';
import { parseId } from './review/review';

/** `calque user deactivate NAME`, `calque token list`, `calque token revoke ID`: account care from a terminal. */
function withAccounts<T>(act: (store: Store, accounts: AccountService) => T): T {
  const db = openDatabase(loadConfig().dbFile);
  try {
    const store = new Store(db);
    return act(store, new AccountService(store));
  } finally {
    db.close();
  }
}

export function deactivateUserCommand(name: string): void {
  withAccounts((store, accounts) => {
    const user = store.users.byName(name);
    if (!user) throw new AppError(404, 'not-found', `there is no user called ${name}`);
    accounts.deactivate(user.id, 'cli');
    process.stdout.write(`Deactivated ${user.name}: they cannot sign in, and their sessions and API tokens have ended.\n`);
  });
}

export function listTokensCommand(): void {
  withAccounts((store) => {
    const tokens = store.users.tokens();
    for (const t of tokens) process.stdout.write(`${String(t.id).padEnd(6)} ${t.userName.padEnd(40)} made ${t.createdAt}  ${t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used'}\n`);
    process.stderr.write(`${tokens.length} API token${tokens.length === 1 ? '' : 's'}\n`);
  });
}

export function revokeTokenCommand(id: string): void {
  withAccounts((_store, accounts) => {
    const tokenId = parseId(id, 'ID');
    accounts.revokeToken(tokenId, 'cli');
    process.stdout.write(`Revoked API token ${tokenId}.\n`);
  });
}
