/** A setting from the environment that cannot be used: one line for the operator, exit code 2. */
export class ConfigError extends Error {}

/** A whole number from the environment, `fallback` when unset, refused outside min…max. */
export function intFrom(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return n;
}
