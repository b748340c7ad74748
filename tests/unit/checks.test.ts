import { CHECKS } from '../../server/checks/registry';
import { parseMarkedExample } from '../../server/checks/examples';
import { tokenize } from '../../server/text/tokens';
import type { Check } from '../../server/checks/types';

const run = (check: Check, text: string, source?: string) => check.run({ text, tokens: tokenize(text), source });

describe.each(CHECKS.map((c) => [c.meta.id, c] as const))('check %s', (id, check) => {
  test('its id is kebab-case and its metadata complete', () => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(check.meta.name).not.toBe('');
    expect(check.meta.description).not.toBe('');
  });

  test.each(check.examples.flag)('flags $text', (example) => {
    const marked = parseMarkedExample(example.text)!;
    expect(marked).not.toBeNull();
    const findings = run(check, marked.text, example.source);
    const hit = findings.find((f) => f.start === marked.start && f.end === marked.end);
    expect(hit).toBeDefined();
    expect(hit!.ruleId).toBe(id);
    expect(hit!.text).toBe(marked.text.slice(marked.start, marked.end));
    if (example.suggestion !== undefined) expect(hit!.suggestions[0]).toBe(example.suggestion);
    if (!check.meta.suggests) expect(hit!.suggestions).toEqual([]);
  });

  test.each(check.examples.pass)('passes $text', (example) => {
    expect(run(check, example.text, example.source)).toEqual([]);
  });

  test('finds nothing in an empty segment', () => {
    expect(run(check, '', check.meta.needsSource ? '示例。' : undefined)).toEqual([]);
  });
});

import { DOCUMENT_CHECKS } from '../../server/checks/registry';

describe.each(DOCUMENT_CHECKS.map((c) => [c.meta.id, c] as const))('document check %s', (id, check) => {
  test.each(check.examples.flag.map((e, i) => [i + 1, e] as const))('flags example %i', (_n, example) => {
    const marked = example.segments.map((s) => ({ ...s, marked: parseMarkedExample(s.text) }));
    const target = marked.findIndex((s) => s.marked);
    expect(target).toBeGreaterThanOrEqual(0);
    const segments = marked.map((s) => ({ text: s.marked ? s.marked.text : s.text, source: s.source }));
    const findings = check.run(segments);
    const hit = findings[target].find((f) => f.start === marked[target].marked!.start && f.end === marked[target].marked!.end);
    expect(hit?.ruleId).toBe(id);
    if (example.suggestion) expect(hit!.suggestions[0]).toBe(example.suggestion);
    findings.forEach((list, i) => { if (i !== target) expect(list).toEqual([]); });
  });

  test.each(check.examples.pass.map((e, i) => [i + 1, e] as const))('passes example %i', (_n, example) => {
    expect(check.run(example.segments).flat()).toEqual([]);
  });
});
