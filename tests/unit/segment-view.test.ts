import { segmentView, type RowData } from '../../server/views/segment-view';
import type { SegmentRow } from '../../server/db/segments';
import type { StoredFinding } from '../../server/db/findings';
import type { ProposalRow } from '../../server/db/proposals';

const MT = 'The team carried out mutual cooperation.';
const doc = { hasSource: false, sourceLang: 'zh' };

function segment(over: Partial<SegmentRow> = {}): SegmentRow {
  return { id: 1, documentId: 1, index: 0, paragraph: 0, source: '', mt: MT, text: MT, status: 'new', version: 1, updatedBy: null, updatedAt: '', wordCount: 6, editCount: 0, ...over };
}

function finding(id: number, field: 'mt' | 'text', text: string, start: number): StoredFinding {
  return { id, segmentId: 1, field, ruleId: 'mutual-cooperation', category: 'style/awkward', severity: 'minor', start, end: start + text.length, text, message: 'm', suggestions: ['cooperation'] } as StoredFinding;
}

function proposal(id: number, over: Partial<ProposalRow>): ProposalRow {
  return { id, segmentId: 1, text: 'x', author: 'eddie', baseVersion: 1, origin: 'manual', ruleId: null, state: 'pending', createdAt: '', decidedBy: null, decidedAt: null, reason: null, replacedText: null, ...over };
}

const data = (over: Partial<RowData> = {}): RowData => ({ findings: [], proposals: [], dismissals: [], comments: [], disabledRules: new Set(), showDismissed: false, ...over });

describe('a grid row shows only what is true now', () => {
  test('while the text is the MT, the MT findings are drawn on the current text and the MT column is plain', () => {
    const view = segmentView(doc, segment(), data({ findings: [finding(7, 'mt', 'mutual cooperation', 21)] }));
    expect(view.mtHtml).toBe(MT);
    expect(view.textHtml).toContain('<mark class="flag sev-minor" tabindex="0" data-findings="f7"');
    expect(view.textFindings.map((f) => f.domId)).toEqual(['f7']);
    expect(view.mtFindings).toEqual([]);
    // The suggestion carries the text it would make, for the editor.
    expect(view.textFindings[0].suggestions[0].applied).toBe('The team carried out cooperation.');
  });

  test("once edited, the text's own findings are drawn and the MT's are kept apart, on demand", () => {
    const text = 'The team did mutual cooperation.';
    const view = segmentView(doc, segment({ text, version: 2 }), data({ findings: [finding(7, 'mt', 'mutual cooperation', 21), finding(8, 'text', 'mutual cooperation', 13)] }));
    expect(view.mtHtml).toBe(MT);
    expect(view.textFindings.map((f) => f.domId)).toEqual(['f8']);
    expect(view.mtFindings.map((f) => f.domId)).toEqual(['m7']);
    expect(view.textHtml).toContain('data-findings="f8"');
    expect(view.textHtml).not.toContain('f7');
  });

  test('decided proposals are apart from pending ones; a rejected one made on an older text is not diffed against the new one', () => {
    const text = 'The team cooperated.';
    const view = segmentView(doc, segment({ text, version: 2 }), data({ proposals: [
      proposal(1, { text: 'The team worked together.', state: 'rejected', decidedAt: 't', decidedBy: 'lee' }),
      proposal(2, { text, state: 'accepted', decidedAt: 't', decidedBy: 'lee', replacedText: MT }),
      proposal(3, { text: 'The team cooperated well.', baseVersion: 2 }),
    ] }));
    expect(view.proposals.map((p) => p.id)).toEqual([3]);
    expect(view.proposals[0].diffHtml).toBe('The team cooperated<ins> well</ins>.');
    expect(view.earlierProposals.map((p) => p.id)).toEqual([2, 1]);
    expect(view.earlierProposals[1].diffHtml).toBe('The team worked together.');
  });

  test('a rejected proposal on the current version is still shown as a diff', () => {
    const view = segmentView(doc, segment(), data({ proposals: [proposal(1, { text: 'The team cooperated.', state: 'rejected', decidedAt: 't' })] }));
    expect(view.earlierProposals[0].diffHtml).toContain('<del>');
  });
});
