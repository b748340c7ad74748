import { Router } from 'express';
import type { Services } from '../app';
import { parseMarkedExample } from '../checks/examples';
import { escapeHtml } from '../views/html';
import { actorOf } from './actor';
import { allow } from '../auth/middleware';
import { parseId } from '../review/review';
import { ruleQueryOf, searchRules } from '../checks/rule-search';
import { categoryLabel } from '../views/category-label';
import { familyTitles } from '../views/family-title';
import { upperFirst } from '../checks/fix';

/** A rule is worth fixing when reviewers dismiss most of what it flags. */
const MOSTLY_DISMISSED = 0.5;
const MIN_FIRED_FOR_VERDICT = 5;
/** Rules per page: the whole list (4,700 rules, 9 MB of HTML) took a browser seconds to lay out. */
export const RULES_PER_PAGE = 100;

/** The Rules page: every check and phrase rule, searchable, with how reviewers received it. */
export function rulesRouter({ flagger, store, review }: Services): Router {
  const router = Router();

  router.get('/rules', allow('editor'), (req, res) => {
    const { q, family } = ruleQueryOf(req.query);
    const stats = store.ruleStats.all();
    const matches = searchRules(flagger.rules, { q, family });
    const pages = Math.max(1, Math.ceil(matches.length / RULES_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const first = (page - 1) * RULES_PER_PAGE;
    const onPage = matches.slice(first, first + RULES_PER_PAGE);
    const pageHref = (n: number) => `/rules?${new URLSearchParams({ ...(q ? { q } : {}), ...(family ? { family } : {}), page: String(n) })}`;
    const families = new Map<string, number>();
    for (const r of flagger.rules) families.set(r.family, (families.get(r.family) ?? 0) + 1);
    const titles = familyTitles(flagger);
    const view = onPage.map((r) => {
      const s = stats.get(r.id) ?? { fired: 0, dismissed: 0 };
      const rate = s.fired ? s.dismissed / s.fired : 0;
      return {
        ...r,
        familyTitle: titles.get(r.family) ?? r.family,
        severityLabel: upperFirst(r.severity),
        categoryLabel: categoryLabel(r.category),
        fired: s.fired,
        dismissed: s.dismissed,
        dismissRate: s.fired ? Math.round(rate * 100) : null,
        mostlyDismissed: s.fired >= MIN_FIRED_FOR_VERDICT && rate > MOSTLY_DISMISSED,
        flagHtml: r.examples.flag.map(markedExampleHtml),
        passExamples: r.examples.pass,
      };
    });
    res.render('rules', {
      title: 'Rules',
      q,
      family,
      total: flagger.rules.length,
      shown: matches.length,
      filtered: Boolean(q || family),
      pager: pages > 1 ? {
        label: `Rules ${first + 1}–${first + onPage.length} of ${matches.length} · page ${page} of ${pages}`,
        prev: page > 1 ? pageHref(page - 1) : null,
        next: page < pages ? pageHref(page + 1) : null,
      } : null,
      families: [...families].map(([id, count]) => ({ id, title: titles.get(id) ?? id, count, selected: id === family })),
      rules: view,
      documents: store.documents.list().map((d) => ({ id: d.id, title: d.title })),
    });
  });

  router.post('/rules/:ruleId/switch-off', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.body?.documentId, 'documentId');
    review.setRuleEnabled(documentId, String(req.params.ruleId), false, actorOf(req));
    res.redirect(303, `/documents/${documentId}`);
  });

  return router;
}

/** "We [empower] them." → escaped HTML with the expected span in a <mark>. */
function markedExampleHtml(marked: string): string {
  const example = parseMarkedExample(marked);
  if (!example) return escapeHtml(marked);
  const { text, start, end } = example;
  return `${escapeHtml(text.slice(0, start))}<mark class="flag sev-minor">${escapeHtml(text.slice(start, end))}</mark>${escapeHtml(text.slice(end))}`;
}
