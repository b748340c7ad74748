import fs from 'node:fs';
import path from 'node:path';
import { defaultFlagger } from '../../server/checks/engine';
import { flagText } from '../../server/checks/flag-text';
import { segmentDocument } from '../../server/text/segment';
import { countWords } from '../../server/text/tokens';

// Native English news written for the project (see the folder's README): every flag on it is a
// false alarm, and users notice false alarms long before they notice missed calques.
const FOLDER = path.join(__dirname, '..', 'fixtures', 'native-news');
const MAX_FLAGS_PER_1000_WORDS = 1;

const articles = fs
  .readdirSync(FOLDER)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(FOLDER, name), 'utf8') }));

/** The sentence around a position, for a report a reader can judge without opening the file. */
function sentenceAt(text: string, offset: number): string {
  for (const paragraph of segmentDocument(text, 'en').paragraphs) {
    for (const sentence of paragraph.sentences) {
      if (sentence.start <= offset && offset < sentence.end) return sentence.text.trim();
    }
  }
  return '';
}

describe('native English news', () => {
  test('the control is large and varied enough to mean something', () => {
    const words = articles.reduce((sum, a) => sum + countWords(a.text), 0);
    expect(articles.length).toBeGreaterThanOrEqual(12);
    expect(words).toBeGreaterThanOrEqual(20_000);
  });

  test(`all checks together raise at most ${MAX_FLAGS_PER_1000_WORDS} flag per 1,000 words`, () => {
    const flagger = defaultFlagger();
    let words = 0;
    const report: string[] = [];
    for (const { name, text } of articles) {
      words += countWords(text);
      for (const f of flagText(flagger, text)) {
        const family = flagger.rule(f.ruleId)?.family ?? '?';
        report.push(`${name}  ${f.ruleId} (${family})  "${f.text}"  in: ${sentenceAt(text, f.start)}`);
      }
    }
    const allowed = Math.floor((words * MAX_FLAGS_PER_1000_WORDS) / 1000);
    if (report.length > allowed) {
      const rate = ((1000 * report.length) / words).toFixed(2);
      throw new Error(
        `${report.length} flags in ${words} words of native English (${rate} per 1,000 words; at most ${allowed} allowed):\n` +
          report.join('\n'),
      );
    }
    expect(report.length).toBeLessThanOrEqual(allowed);
  });
});
