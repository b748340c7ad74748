import { openDatabase } from '../../server/db/connection';
import { Store } from '../../server/db/store';

// A save answers with the segment and the proposal it wrote, built from what was written rather
// than read back: what the reviewer's screen shows must be exactly what a reload would show.
function setUp() {
  const store = new Store(openDatabase(':memory:'));
  const documentId = store.documents.insert({ title: 'Rows', sourceLang: 'zh', targetLang: 'en', hasSource: true, format: 'txt', createdBy: 'test' });
  const id = store.segments.insert(documentId, { index: 0, paragraph: 0, source: '他们加强了合作。', mt: 'They strengthened mutual cooperation.', notes: '["a note"]' }, 4);
  return { store, segment: () => store.segments.get(id)! };
}

test('a proposal, pending or accepted as it is made, is answered as it is stored', () => {
  const { store, segment } = setUp();
  const fields = { segmentId: segment().id, text: 'They worked together more closely.', author: 'mei', baseVersion: 1, origin: 'manual' as const, ruleId: null };
  const pending = store.proposals.insert(fields);
  expect(pending).toEqual(store.proposals.get(pending.id));
  expect(pending.state).toBe('pending');
  const accepted = store.proposals.insertAccepted({ ...fields, origin: 'rule', ruleId: 'mutual-cooperation' }, segment().text);
  expect(accepted).toEqual(store.proposals.get(accepted.id));
  expect(accepted).toMatchObject({ state: 'accepted', decidedBy: 'mei', replacedText: 'They strengthened mutual cooperation.' });
});

test('a new text is answered as stored: its status changed, or kept, with the version bumped once', () => {
  const { store, segment } = setUp();
  const change = { text: 'They worked together more closely.', wordCount: 5, editCount: 4 };
  const reviewed = store.segments.setText(segment(), change, 'lee', 'reviewed');
  expect(reviewed).toEqual(segment());
  expect(reviewed).toMatchObject({ status: 'reviewed', version: 2, updatedBy: 'lee', notes: '["a note"]' });
  // No status given: edited, the status it had is not kept.
  const edited = store.segments.setText(segment(), { ...change, text: 'They cooperated more.' }, 'lee');
  expect(edited).toEqual(segment());
  expect(edited).toMatchObject({ status: 'edited', version: 3 });
  // The status kept (the cheaper write), and back to the MT: new.
  expect(store.segments.setText(segment(), { ...change, text: 'They cooperated.' }, 'lee')).toEqual(segment());
  const back = store.segments.setText(segment(), { ...change, text: segment().mt }, 'lee');
  expect(back).toEqual(segment());
  expect(back?.status).toBe('new');
});

test('a text written on an older version is refused and changes nothing', () => {
  const { store, segment } = setUp();
  const old = segment();
  store.segments.setText(old, { text: 'First.', wordCount: 1, editCount: 4 }, 'lee');
  const after = segment();
  expect(store.segments.setText(old, { text: 'Second.', wordCount: 1, editCount: 4 }, 'mei')).toBeUndefined();
  expect(segment()).toEqual(after);
});

test('a status changed by someone else since the read: the answer shows the status as written', () => {
  const { store, segment } = setUp();
  store.segments.setText(segment(), { text: 'They cooperated more.', wordCount: 3, editCount: 3 }, 'lee');
  const read = segment();
  expect(read.status).toBe('edited');
  // Marking reviewed does not bump the version, so only the status tells the two rows apart.
  store.segments.setStatus(read.id, read.version, 'reviewed', 'lee');
  const written = store.segments.setText(read, { text: 'They cooperated.', wordCount: 2, editCount: 3 }, 'mei');
  expect(written).toEqual(segment());
  expect(written?.status).toBe('edited');
});
