import fs from 'node:fs';
import path from 'node:path';
import { defaultFlagger } from '../../server/checks/engine';
import { loadLlmConfig } from '../../server/llm/config';
import { scoreSecondReader } from '../../server/eval/llm';
import { FIXTURES } from '../helpers/app';
import { tempDir } from '../helpers/server-process';
import { startFakeLlm } from '../helpers/llm-server';

test('npm run eval -- --llm scores the second reader on the dev half of a real-MT folder, alone and with the rules', async () => {
  const dir = tempDir('llm-eval');
  fs.writeFileSync(path.join(dir, 'a-01.txt'), 'The market entered its second half. Sales rose.\n');
  fs.writeFileSync(path.join(dir, 'a-01.gold.tsv'), 'must\tentered its second half\tcalque\n');
  fs.writeFileSync(path.join(dir, 'a-09.txt'), 'Held out: never read on the dev split.\n');
  fs.writeFileSync(path.join(dir, 'native-01.txt'), 'Prices fell in October.\n');
  const llm = await startFakeLlm();
  try {
    llm.on('second half', { errors: [{ span: 'entered its second half', category: 'style/awkward', severity: 'minor', explanation: 'A calque.', suggestion: 'is past its midpoint' }] });
    llm.on('Prices fell', { errors: [{ span: 'Prices fell', category: 'fluency/grammar', severity: 'minor', explanation: '', suggestion: '' }, { span: 'not there', category: 'fluency/grammar', severity: 'minor', explanation: '', suggestion: '' }] });
    const config = loadLlmConfig({ CALQUE_LLM_BASE_URL: llm.url, CALQUE_LLM_MODEL: 'eval-model' })!;
    const s = await scoreSecondReader(config, defaultFlagger({ rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' }), dir, 'dev');
    expect(s.alone).toMatchObject({ files: 1, must: 1, hit: 1, falseAlarms: 0, nativeFiles: 1, nativeFlags: 1 });
    expect(s.combined.hit).toBe(1);
    expect(s.dropped).toBe(1);
    expect(llm.requests.some((r) => r.messages[1].content.includes('Held out'))).toBe(false);
  } finally {
    await llm.close();
  }
});
