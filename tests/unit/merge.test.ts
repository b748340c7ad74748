import { mergeWords } from '../../server/text/merge';

describe('word-level three-way merge', () => {
  const base = 'The company said the new platform will land next year.';

  test('changes to different words are both kept', () => {
    const ours = 'The company said the new platform will launch next year.';
    const theirs = 'The firm said the new platform will land next year.';
    expect(mergeWords(base, ours, theirs)).toEqual({ merged: true, text: 'The firm said the new platform will launch next year.' });
  });

  test('an insertion far from the other change is kept', () => {
    const ours = 'The company said the new platform will land early next year.';
    const theirs = 'The company announced the new platform will land next year.';
    expect(mergeWords(base, ours, theirs)).toEqual({ merged: true, text: 'The company announced the new platform will land early next year.' });
  });

  test('changes of the same words are refused', () => {
    const ours = 'The company said the new platform will go live next year.';
    const theirs = 'The company said the new platform will launch next year.';
    expect(mergeWords(base, ours, theirs)).toEqual({ merged: false, reason: 'overlap' });
  });

  test('neighbouring words merge; changes with no unchanged token between them are refused', () => {
    const ours = 'The company said the new system will land next year.';
    const theirs = 'The company said the old platform will land next year.';
    expect(mergeWords(base, ours, theirs)).toEqual({ merged: true, text: 'The company said the old system will land next year.' });
    const touching = 'The company said the new platformss will land next year.';
    expect(mergeWords(base, touching, 'The company said the new platform, will land next year.')).toEqual({ merged: false, reason: 'overlap' });
  });

  test('the same change on both sides merges into one', () => {
    const both = 'The company said the new platform will launch next year.';
    expect(mergeWords(base, both, both)).toEqual({ merged: true, text: both });
  });

  test('a deletion and a change elsewhere merge', () => {
    const ours = 'The company said the platform will land next year.';
    const theirs = 'The company said the new platform will land in 2025.';
    expect(mergeWords(base, ours, theirs)).toEqual({ merged: true, text: 'The company said the platform will land in 2025.' });
  });

  test('an unchanged side takes the other side as it is', () => {
    const theirs = 'Completely different.';
    expect(mergeWords(base, base, theirs)).toEqual({ merged: true, text: theirs });
  });
});
