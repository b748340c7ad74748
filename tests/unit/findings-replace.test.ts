import { defaultFlagger } from '../../server/checks/engine';
import type { Finding } from '../../server/checks/types';
import { openDatabase } from '../../server/db/connection';
import { Store } from '../../server/db/store';
import { importSegments, metaOf, prepareSegments, type ImportRequest } from '../../server/review/import';

// What a reviewer sees after an edit is what replace() leaves stored: a finding kept from before
// keeps its id (so its dismissal and its place in the list hold), and every change of it shows.
const request: ImportRequest = { title: 'Replace', sourceLang: 'zh', targetLang: 'en', mtText: 'The team carried out mutual cooperation.' };
const flagger = defaultFlagger().prepare();

function setUp() {
  const store = new Store(openDatabase(':memory:'));
  const documentId = importSegments(store, flagger, metaOf(request), prepareSegments(request), 'test');
  const [segment] = store.segments.page(documentId, 10, 0);
  const finding: Finding = { ruleId: 'test-rule', category: 'style/awkward', severity: 'minor', start: 21, end: 39, text: 'mutual cooperation', message: 'Redundant.', suggestions: ['cooperation'] };
  store.findings.replace(segment.id, 'text', [finding]);
  const stored = () => store.findings.forSegment(segment.id).filter((f) => f.field === 'text');
  return { store, segment, finding, stored };
}

test('the same finding again changes nothing, and keeps its id', () => {
  const { store, segment, finding, stored } = setUp();
  const [before] = stored();
  store.findings.replace(segment.id, 'text', [{ ...finding }]);
  expect(stored()).toEqual([before]);
});

test('a finding of the same rule on the same phrase takes every change: place, message, severity, suggestions', () => {
  const { store, segment, finding, stored } = setUp();
  const [before] = stored();
  store.findings.replace(segment.id, 'text', [{ ...finding, message: 'Say it once.' }]);
  expect(stored()).toEqual([{ ...before, message: 'Say it once.' }]);
  store.findings.replace(segment.id, 'text', [{ ...finding, severity: 'major', suggestions: ['working together'] }]);
  expect(stored()).toEqual([{ ...before, severity: 'major', suggestions: ['working together'] }]);
  store.findings.replace(segment.id, 'text', [{ ...finding, start: 30, end: 48 }]);
  expect(stored()).toEqual([{ ...before, start: 30, end: 48 }]);
});

test('a kept rule\'s finding stays while its phrase is in the new text, moved to it, and goes when the phrase does', () => {
  const { store, segment, finding, stored } = setUp();
  const [before] = stored();
  const keep = (text: string) => ({ ruleId: 'test-rule', text });
  store.findings.replace(segment.id, 'text', [], keep('Last year the team carried out mutual cooperation.'));
  expect(stored()).toEqual([{ ...before, start: 31, end: 49 }]);
  store.findings.replace(segment.id, 'text', [], keep('The team worked together.'));
  expect(stored()).toEqual([]);
  // Another rule's finding is not kept by it.
  store.findings.replace(segment.id, 'text', [finding]);
  store.findings.replace(segment.id, 'text', [], { ruleId: 'another-rule', text: request.mtText });
  expect(stored()).toEqual([]);
});
