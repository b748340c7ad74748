#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const compiled = path.join(__dirname, '..', 'dist', 'server', 'cli.js');
if (!fs.existsSync(compiled)) {
  console.error('calque: the project is not built yet. Run "npm run build" (npm install does it too).');
  process.exit(2);
}
const code = require(compiled).main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
