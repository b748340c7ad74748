import { defaultFlagger } from '../../server/checks/engine';
import { openDatabase } from '../../server/db/connection';
import { Store } from '../../server/db/store';
import { analyseSegments, importSegments, metaOf, prepareSegments, storeImport, type ImportRequest } from '../../server/review/import';

// A small import flags as it stores; a big one in a worker flags first and stores after. A
// reviewer must see the same findings either way, the document-wide ones included.
const request: ImportRequest = {
  title: 'Two ways of storing',
  sourceLang: 'zh',
  targetLang: 'en',
  sourceText: '我们在AI赛道上深耕多年。\n\n张一鸣说，市场已经内卷。\n\n后来张一鸣表示，明年会更好。',
  mtText: 'We have deeply cultivated the AI track for years.\n\nZhang Yiming said the market has become endless internal volumes.\n\nLater Zhang Yi-ming said next year would be better.',
};

function findingsOf(store: Store, documentId: number) {
  return store.segments.page(documentId, 100, 0).map((s) => ({
    index: s.index,
    findings: store.findings.forSegment(s.id).map((f) => [f.field, f.ruleId, f.start, f.end, f.message, f.suggestions.join('|')]),
  }));
}

test('an import stores the same findings whether it flags as it stores or flags first', () => {
  const flagger = defaultFlagger().prepare();
  const segments = prepareSegments(request);
  const streamed = new Store(openDatabase(':memory:'));
  const first = new Store(openDatabase(':memory:'));
  const a = importSegments(streamed, flagger, metaOf(request), segments, 'test');
  const b = storeImport(first, { meta: metaOf(request), segments, analysis: analyseSegments(flagger, segments) }, 'test');
  const expected = findingsOf(first, b);
  const rules = expected.flatMap((s) => s.findings.map((f) => f[1]));
  expect(rules.length).toBeGreaterThan(3);
  expect(rules).toContain('name-romanisation');
  expect(findingsOf(streamed, a)).toEqual(expected);
});

test('an import of more segments than the limit is refused before anything is stored', () => {
  const flagger = defaultFlagger().prepare();
  const store = new Store(openDatabase(':memory:'));
  const segments = prepareSegments(request);
  expect(() => importSegments(store, flagger, metaOf(request), segments, 'test', { maxTextChars: 1_000_000, maxSegments: 2 })).toThrow(/limit is 2/);
  expect(store.documents.list()).toHaveLength(0);
});
