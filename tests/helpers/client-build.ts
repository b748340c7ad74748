import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from '@swc/core';

const CLIENT = path.join(__dirname, '..', '..', 'client');
let built: string | undefined;

/**
 * The browser client (client/*.ts) transpiled once per test process into a temporary directory,
 * as ES modules: tests run from the sources and never write to dist/ (npm run build does, with tsc).
 */
export function builtClientDir(): string {
  if (built) return built;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-client-'));
  for (const name of fs.readdirSync(CLIENT).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
    const file = path.join(CLIENT, name);
    const { code } = transformSync(fs.readFileSync(file, 'utf8'), {
      filename: file,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    fs.writeFileSync(path.join(out, name.replace(/\.ts$/, '.js')), code);
  }
  return (built = out);
}
