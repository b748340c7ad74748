// Lets `node -r ./tests/helpers/swc-register.js server/main.ts` run the TypeScript sources directly
// (transpiled by @swc/core, as @swc/jest does), so process-level tests need no build and never
// write to dist/ while another build runs.
const fs = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
