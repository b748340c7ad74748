import fs from 'node:fs';
import path from 'node:path';
import type { Flagger } from '../checks/engine';
import { flagText } from '../checks/flag-text';
import type { Finding } from '../checks/types';
import { LlmClient } from '../llm/client';
import type { LlmConfig } from '../llm/config';
import { readText } from '../llm/read-text';
import { realMtFiles, scoreRealMt, type RealMtScore, type Split } from './realmt';

export interface SecondReaderScores {
  /** The second reader alone. */
  alone: RealMtScore;
  /** The rules and the second reader together, as the workbench shows them. */
  combined: RealMtScore;
  sentences: number;
  failed: number;
  dropped: number;
  firstFailure: string | undefined;
}

/**
 * Scores the second reader on a folder of real MT (the realmt format, see realmt.ts): every
 * article and native control of the split is read sentence by sentence through the endpoint,
 * then counted as the rules are. The articles have no source, so the model sees English only.
 */
export async function scoreSecondReader(config: LlmConfig, flagger: Flagger, dir: string, split: Split): Promise<SecondReaderScores> {
  const client = new LlmClient(config);
  const byFile = new Map<string, Finding[]>();
  let sentences = 0;
  let failed = 0;
  let dropped = 0;
  let firstFailure: string | undefined;
  for (const file of realMtFiles(dir, split)) {
    const reading = await readText(client, fs.readFileSync(path.join(dir, file), 'utf8'));
    byFile.set(file, reading.findings);
    sentences += reading.sentences;
    failed += reading.failed;
    dropped += reading.dropped;
    firstFailure ??= reading.firstFailure;
  }
  const ours = (file: string) => byFile.get(file) ?? [];
  return {
    alone: scoreRealMt(flagger, dir, split, (f) => f.ruleId, ours),
    combined: scoreRealMt(flagger, dir, split, (f) => (f.ruleId === 'llm-review' ? 'llm-review' : 'rules'), (file, text) => [...flagText(flagger, text), ...ours(file)]),
    sentences,
    failed,
    dropped,
    firstFailure,
  };
}
