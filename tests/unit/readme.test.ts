import fs from 'node:fs';
import path from 'node:path';
import { checksTableMarkdown } from '../../server/checks/checks-table';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test('the README lists every coded check as its metadata says (regenerate with node dist/server/checks/checks-table.js)', () => {
  expect(README).toContain(checksTableMarkdown());
});

test('the README gives the test command that .ci/run runs', () => {
  const ci = fs.readFileSync(path.join(__dirname, '..', '..', '.ci', 'run'), 'utf8');
  expect(ci).toMatch(/^npm test$/m);
  expect(README).toMatch(/^npm test$/m);
});
