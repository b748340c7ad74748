import { parseArgs } from 'node:util';

/** A mistake in how the command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** The placeholder shown in the help, e.g. FILE (string options only). */
  value?: string;
  help: string;
}

export interface Parsed {
  positional: string[];
  /** The string options given, by name. */
  flags: Map<string, string>;
  /** The boolean options given. */
  switches: Set<string>;
}

const HELP_OPTION = { type: 'boolean', short: 'h' } as const;

/**
 * Reads a command's arguments with node:util parseArgs (strict: an unknown option or a missing value
 * is a UsageError). `--help` and `-h` are accepted by every command.
 */
export function parseCommandArgs(argv: string[], options: Record<string, OptionSpec>, maxPositionals: number): Parsed & { help: boolean } {
  const config = Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type }]));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...config, help: HELP_OPTION }, strict: true, allowPositionals: true, tokens: true });
  } catch (err) {
    throw new UsageError(describeParseError(err, argv));
  }
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (const token of parsed.tokens as Array<{ kind: string; name?: string; rawName?: string; value?: string }>) {
    if (token.kind !== 'option' || !token.name || token.name === 'help') continue;
    if (token.value === undefined) switches.add(token.name);
    else if (token.value === '') throw new UsageError(`${token.rawName} needs a value`);
    else flags.set(token.name, token.value);
  }
  const help = parsed.values.help === true;
  if (!help && parsed.positionals.length > maxPositionals) throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
  return { positional: parsed.positionals, flags, switches, help };
}

/** parseArgs' messages name its own API; say what the user typed instead. */
function describeParseError(err: unknown, argv: string[]): string {
  const { code, message } = err as { code?: string; message?: string };
  const named = /'(?:-\w, )?(--?[\w-]+)/.exec(message ?? '')?.[1];
  const option = named ?? argv.find((a) => a.startsWith('-')) ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(message ?? '') ? `${option} needs a value` : `${option} takes no value`;
    default: return message ?? String(err);
  }
}
