import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, MT, SOURCE } from '../helpers/app';
import { cliCommand, tempDir } from '../helpers/server-process';
import { closedPortUrl, startFakeLlm, type FakeLlm } from '../helpers/llm-server';

jest.setTimeout(60_000);

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, CALQUE_RULES_DIR: path.join(FIXTURES, 'rules'), CALQUE_LEXICON_DIR: '', CALQUE_LLM_BASE_URL: '', ...env }, cwd: path.join(__dirname, '..', '..') }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let llm: FakeLlm;
let mtFile: string;
let sourceFile: string;
beforeAll(async () => {
  llm = await startFakeLlm();
  const dir = tempDir('llm-cli');
  mtFile = path.join(dir, 'mt.txt');
  sourceFile = path.join(dir, 'source.txt');
  fs.writeFileSync(mtFile, MT);
  fs.writeFileSync(sourceFile, SOURCE);
});
afterAll(() => llm.close());

test('calque flag --llm adds the second reader\'s findings to the rule-based ones', async () => {
  llm.on('new platform', { content: '```json\n{"errors": [{"span": "will land", "category": "accuracy/mistranslation", "severity": "major", "explanation": "落地 here means launch.", "suggestion": "will launch"}]}\n```' });
  const { code, stdout, stderr } = await runCli(['flag', mtFile, '--source', sourceFile, '--llm', '--format', 'json'], { CALQUE_LLM_BASE_URL: llm.url, CALQUE_LLM_MODEL: 'cli-model' });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const findings = JSON.parse(stdout) as { ruleId: string; text: string; start: number; suggestions: string[] }[];
  const ours = findings.find((f) => f.ruleId === 'llm-review');
  expect(ours).toMatchObject({ text: 'will land', start: MT.indexOf('will land'), suggestions: ['will launch'] });
  expect(findings.some((f) => f.ruleId === 'test-mutual-cooperation')).toBe(true);
  expect(llm.requests.some((r) => r.messages[1].content.includes('公司表示'))).toBe(true);
});

test('when the endpoint cannot be reached it prints the rule-based findings anyway and says why', async () => {
  const { code, stdout, stderr } = await runCli(['flag', mtFile, '--llm'], { CALQUE_LLM_BASE_URL: await closedPortUrl(), CALQUE_LLM_ATTEMPTS: '1' });
  expect(code).toBe(0);
  expect(stdout).toContain('test-mutual-cooperation');
  expect(stdout).not.toContain('llm-review');
  expect(stderr).toMatch(/could not be reached.*rule-based findings only/);
});

test('without an endpoint --llm says the second reader is not set up and sends nothing', async () => {
  const before = llm.requests.length;
  const { code, stdout, stderr } = await runCli(['flag', mtFile, '--llm'], {});
  expect(code).toBe(0);
  expect(stdout).toContain('test-mutual-cooperation');
  expect(stderr).toContain('not set up');
  expect(llm.requests.length).toBe(before);
});
