import { highlightHtml } from '../../server/views/highlight';
import { wordDiffHtml, wordEdits } from '../../server/views/word-diff';
import { hterPercent } from '../../server/views/hter';

describe('highlightHtml', () => {
  test('wraps each finding in a mark and escapes everything else', () => {
    const html = highlightHtml('a <b> mutual cooperation', [{ id: 7, start: 6, end: 24, severity: 'minor' }], 'f');
    expect(html).toBe('a &lt;b&gt; <mark class="flag sev-minor" tabindex="0" data-findings="f7" aria-describedby="f7">mutual cooperation</mark>');
  });

  test('overlapping findings split into pieces that name every covering finding, worst severity wins', () => {
    const html = highlightHtml('one two three', [
      { id: 1, start: 0, end: 7, severity: 'minor' },
      { id: 2, start: 4, end: 13, severity: 'major' },
    ], 'f');
    expect(html).toBe(
      '<mark class="flag sev-minor" tabindex="0" data-findings="f1" aria-describedby="f1">one </mark>' +
      '<mark class="flag sev-major" tabindex="0" data-findings="f1 f2" aria-describedby="f1 f2">two</mark>' +
      '<mark class="flag sev-major" tabindex="0" data-findings="f2" aria-describedby="f2"> three</mark>',
    );
  });

  test('ignores findings outside the text', () => {
    expect(highlightHtml('short', [{ id: 1, start: 3, end: 99, severity: 'major' }], 'f')).toBe('short');
  });
});

describe('word diff', () => {
  test('renders insertions and deletions at word level', () => {
    expect(wordDiffHtml('the project landed', 'the project went live')).toBe('the project <del>landed</del><ins>went live</ins>');
  });

  test('escapes the text it diffs', () => {
    expect(wordDiffHtml('a', '<i>a</i>')).not.toContain('<i>');
  });

  test('counts word edits, a substitution once', () => {
    expect(wordEdits('the project landed today', 'the project went live today')).toBe(2);
    expect(wordEdits('same text', 'same text')).toBe(0);
    expect(wordEdits('', 'three new words')).toBe(3);
  });
});

describe('HTER as a percentage', () => {
  test('keeps one decimal below 10%, so a small edit never reads as none', () => {
    expect(hterPercent(0)).toBe('0%');
    expect(hterPercent(1 / 267)).toBe('0.4%');
    expect(hterPercent(0.0004)).toBe('<0.1%');
    expect(hterPercent(0.0996)).toBe('10%');
    expect(hterPercent(0.1)).toBe('10%');
    expect(hterPercent(0.456)).toBe('46%');
  });
});
