import { loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { Store } from '../db/store';
import { AccountService } from '../auth/accounts';
import { UsageError, type Parsed } from './args';
import { AppError } from '../errors';
import { parseId } from '../review/review';

/** One action of `calque user` or `calque token` on the named user: add an entry to add an action. */
type Action = (store: Store, name: string, flags: Map<string, string>) => void | Promise<void>;

const USER_ACTIONS: Record<string, Action> = {
  add: async (store, name, flags) => {
    const { user, password } = await new AccountService(store).createUser(name, flags.get('role') ?? 'editor', flags.get('password'));
    process.stdout.write(`Added ${user.name} (${user.role}).${flags.has('password') ? '' : ` Password: ${password}`}\n`);
  },
  deactivate: (store, name) => {
    const user = store.users.byName(name);
    if (!user) throw new AppError(404, 'not-found', `there is no user called ${name}`);
    new AccountService(store).deactivate(user.id, 'cli');
    process.stdout.write(`Deactivated ${user.name}: they cannot sign in, and their sessions and API tokens have ended.\n`);
  },
};

const TOKEN_ACTIONS: Record<string, Action> = {
  create: (store, name) => {
    const user = store.users.byName(name);
    if (!user) throw new UsageError(`there is no user called ${name}`);
    if (user.deactivatedAt !== null) throw new AppError(409, 'user-deactivated', `${user.name} is deactivated and cannot have API tokens`);
    const token = store.users.createToken(user.id);
    store.events.record({ actor: 'cli', action: 'token.created', details: { for: user.name } });
    process.stdout.write(`${token}\n`);
    process.stderr.write(`API token for ${user.name} (${user.role}). It is shown only this once; send it as "Authorization: Bearer <token>".\n`);
  },
  revoke: (store, id) => {
    const tokenId = parseId(id, 'ID');
    new AccountService(store).revokeToken(tokenId, 'cli');
    process.stdout.write(`Revoked API token ${tokenId}.\n`);
  },
  list: (store) => {
    const tokens = store.users.tokens();
    for (const t of tokens) process.stdout.write(`${String(t.id).padEnd(6)} ${t.userName.padEnd(40)} made ${t.createdAt}  ${t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used'}\n`);
    process.stderr.write(`${tokens.length} API token${tokens.length === 1 ? '' : 's'}\n`);
  },
};

/** Actions that name no user. */
const NO_NAME = new Set(['list']);

/**
 * Checks the arguments at once (a usage error exits 2 before the database is opened), then runs the
 * action on the database. Synchronous actions finish before this returns; asynchronous ones return their promise.
 */
function runAction(command: string, actions: Record<string, Action>, { positional, flags }: Parsed): void | Promise<void> {
  const [action, name] = positional;
  const run = action === undefined ? undefined : Object.hasOwn(actions, action) ? actions[action] : undefined;
  if (!run) throw new UsageError(action ? `unknown action "${action}" (actions: ${Object.keys(actions).join(', ')})` : `${command} needs an action (${Object.keys(actions).join(', ')})`);
  if (!name && !NO_NAME.has(action!)) throw new UsageError(`${command} ${action} needs a ${action === 'revoke' ? 'token ID' : 'NAME'}`);
  const db = openDatabase(loadConfig().dbFile);
  let result: void | Promise<void>;
  try {
    result = run(new Store(db), name ?? '', flags);
  } catch (err) {
    db.close();
    throw err;
  }
  if (!(result instanceof Promise)) return void db.close();
  return result.finally(() => db.close());
}

export const userCommand = (args: Parsed) => runAction('user', USER_ACTIONS, args);
export const tokenCommand = (args: Parsed) => runAction('token', TOKEN_ACTIONS, args);
