import { loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { Store } from '../db/store';
import { AccountService } from '../auth/accounts';
import { UsageError, type Parsed } from './args';

/** Checks the arguments at once (a usage error exits 2 before anything runs), then works asynchronously. */
export function userCommand({ positional, flags }: Parsed): Promise<void> {
  const [action, name] = positional;
  if (action !== 'add') throw new UsageError(action ? `unknown action "${action}"` : 'user needs an action');
  if (!name) throw new UsageError('user add needs a NAME');
  return addUser(name, flags);
}

async function addUser(name: string, flags: Map<string, string>): Promise<void> {
  const db = openDatabase(loadConfig().dbFile);
  try {
    const { user, password } = await new AccountService(new Store(db)).createUser(name, flags.get('role') ?? 'editor', flags.get('password'));
    process.stdout.write(`Added ${user.name} (${user.role}).${flags.has('password') ? '' : ` Password: ${password}`}\n`);
  } finally {
    db.close();
  }
}

export function tokenCommand({ positional }: Parsed): void {
  const [action, name] = positional;
  if (action !== 'create') throw new UsageError(action ? `unknown action "${action}"` : 'token needs an action');
  if (!name) throw new UsageError('token create needs a NAME');
  const db = openDatabase(loadConfig().dbFile);
  try {
    const store = new Store(db);
    const user = store.users.byName(name);
    if (!user) throw new UsageError(`there is no user called ${name}`);
    const token = store.users.createToken(user.id);
    store.events.record({ actor: 'cli', action: 'token.created', details: { for: user.name } });
    process.stdout.write(`${token}\n`);
    process.stderr.write(`API token for ${user.name} (${user.role}). It is shown only this once; send it as "Authorization: Bearer <token>".\n`);
  } finally {
    db.close();
  }
}
