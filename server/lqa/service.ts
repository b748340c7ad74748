import type { Store } from '../db/store';
import type { LqaAnnotation } from '../db/lqa';
import { badRequest, conflict, notFound } from '../errors';
import { cleanText } from '../review/import';
import { parseId } from '../review/review';
import { ANNOTATION_SEVERITIES, DEFAULT_MQM, MQM_CATEGORIES, mqmScore, type AnnotationSeverity, type MqmScore, type MqmSettings } from './mqm';
import { countWords } from '../text/tokens';
import { stripPlaceholders } from '../formats/placeholders';

const MQM_KEY = 'mqm';

/**
 * The reviewer's error annotations: a span of the current text or of the MT (or a point, for an
 * omission) with an MQM category, a severity and a note. Each is attributed, carries the segment
 * version it was made on and its own version, and every change is logged; removing is undone by
 * restoring.
 */
export class LqaService {
  constructor(private readonly store: Store) {}

  private annotation(id: number): LqaAnnotation {
    const a = this.store.lqa.get(id);
    if (!a) throw notFound(`Annotation ${id}`);
    return a;
  }

  forSegment(segmentId: number): LqaAnnotation[] {
    if (!this.store.segments.get(segmentId)) throw notFound(`Segment ${segmentId}`);
    return this.store.lqa.forSegments([segmentId]).get(segmentId) ?? [];
  }

  forDocument(documentId: number): LqaAnnotation[] {
    if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
    return this.store.lqa.openInDocument(documentId);
  }

  annotate(segmentId: number, input: unknown, actor: string): LqaAnnotation {
    const body = objectOf(input);
    const field = body.field ?? 'text';
    if (field !== 'text' && field !== 'mt') throw badRequest('invalid-field', '"field" must be "text" (the current text) or "mt".');
    const kind = classify(body);
    const baseVersion = body.baseVersion;
    return this.store.transaction(() => {
      const segment = this.store.segments.get(segmentId);
      if (!segment) throw notFound(`Segment ${segmentId}`);
      if (field === 'text' && baseVersion !== undefined && baseVersion !== segment.version) {
        throw conflict('stale-version', `Segment ${segmentId} changed since you loaded it (you had version ${String(baseVersion)}, it is now at ${segment.version}).`, { current: { segmentId, text: segment.text, version: segment.version } });
      }
      const text = field === 'text' ? segment.text : segment.mt;
      const start = offset(body.start, 'start', text.length);
      const end = body.end === undefined ? start : offset(body.end, 'end', text.length);
      if (end < start) throw badRequest('invalid-span', '"end" must not come before "start".');
      const saved = this.store.lqa.insert({ segmentId, field, start, end, text: text.slice(start, end), segmentVersion: segment.version, ...kind, createdBy: actor });
      this.store.events.record({ actor, action: 'annotation.added', documentId: segment.documentId, segmentId, details: { annotationId: saved.id, field, start, end, text: saved.text, category: kind.category, subcategory: kind.subcategory, severity: kind.severity } });
      return saved;
    });
  }

  update(id: number, input: unknown, actor: string): LqaAnnotation {
    const body = objectOf(input);
    return this.store.transaction(() => {
      const current = this.annotation(id);
      if (current.state !== 'open') throw conflict('annotation-removed', `Annotation ${id} was removed; restore it first.`);
      const version = body.version === undefined ? current.version : body.version;
      const merged = classify({ category: current.category, subcategory: body.category !== undefined && body.subcategory === undefined ? null : current.subcategory, severity: current.severity, note: current.note, ...body });
      if (typeof version !== 'number' || !this.store.lqa.update(id, version, merged, actor)) {
        throw conflict('stale-annotation', `Annotation ${id} changed since you loaded it; it is now at version ${current.version}.`, { current });
      }
      const segment = this.store.segments.get(current.segmentId)!;
      this.store.events.record({ actor, action: 'annotation.changed', documentId: segment.documentId, segmentId: segment.id, details: { annotationId: id, before: pick(current), after: merged } });
      return this.annotation(id);
    });
  }

  /** Removes (restore = false) or restores an annotation. */
  setRemoved(id: number, removed: boolean, actor: string): LqaAnnotation {
    return this.store.transaction(() => {
      const current = this.annotation(id);
      if (this.store.lqa.setState(id, removed ? 'removed' : 'open', actor)) {
        const segment = this.store.segments.get(current.segmentId)!;
        this.store.events.record({ actor, action: removed ? 'annotation.removed' : 'annotation.restored', documentId: segment.documentId, segmentId: segment.id, details: { annotationId: id, ...pick(current) } });
      }
      return this.annotation(id);
    });
  }

  settings(documentId: number): MqmSettings {
    const stored = this.store.settings.get<MqmSettings>(documentId, MQM_KEY);
    return stored ? { weights: { ...DEFAULT_MQM.weights, ...stored.weights }, threshold: stored.threshold ?? DEFAULT_MQM.threshold } : DEFAULT_MQM;
  }

  setSettings(documentId: number, input: unknown, actor: string): MqmSettings {
    const body = objectOf(input);
    const current = this.settings(documentId);
    const weights = { ...current.weights };
    if (body.weights !== undefined) {
      if (typeof body.weights !== 'object' || body.weights === null) throw badRequest('invalid-field', '"weights" must map severities to numbers.');
      for (const [severity, weight] of Object.entries(body.weights as Record<string, unknown>)) {
        if (!(ANNOTATION_SEVERITIES as readonly string[]).includes(severity)) throw badRequest('invalid-field', `"${severity.slice(0, 20)}" is not a severity: use neutral, minor, major or critical.`);
        if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 1000) throw badRequest('invalid-field', `The weight of ${severity} must be a number from 0 to 1000.`);
        weights[severity as AnnotationSeverity] = weight;
      }
    }
    const threshold = body.threshold === undefined ? current.threshold : body.threshold;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 100_000) throw badRequest('invalid-field', '"threshold" must be a number of penalty points per 1,000 words (0 or more).');
    const settings = { weights, threshold };
    this.store.transaction(() => {
      if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
      this.store.settings.set(documentId, MQM_KEY, settings);
      this.store.events.record({ actor, action: 'mqm.settings', documentId, details: { before: current, after: settings } });
    });
    return settings;
  }

  /** The document's MQM score from the open annotations, over the words of the current text. */
  score(documentId: number): MqmScore {
    const annotations = this.forDocument(documentId);
    let words = 0;
    for (const s of this.store.segments.iterateTexts(documentId)) words += countWords(stripPlaceholders(s.text));
    return mqmScore(annotations, words, this.settings(documentId));
  }
}

type Body = Record<string, unknown>;

function objectOf(input: unknown): Body {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw badRequest('invalid-body', 'Send a JSON object.');
  return input as Body;
}

function classify(body: Body): Pick<LqaAnnotation, 'category' | 'subcategory' | 'severity' | 'note'> {
  const category = body.category;
  if (typeof category !== 'string' || !(category in MQM_CATEGORIES)) {
    throw badRequest('invalid-category', `"category" must be one of ${Object.keys(MQM_CATEGORIES).join(', ')}.`);
  }
  const sub = body.subcategory === '' ? null : (body.subcategory ?? null);
  if (sub !== null && (typeof sub !== 'string' || !(sub in MQM_CATEGORIES[category]))) {
    throw badRequest('invalid-category', `The sub-category of ${category} must be one of ${Object.keys(MQM_CATEGORIES[category]).join(', ')}.`);
  }
  const severity = body.severity ?? 'minor';
  if (typeof severity !== 'string' || !(ANNOTATION_SEVERITIES as readonly string[]).includes(severity)) throw badRequest('invalid-field', '"severity" must be neutral, minor, major or critical.');
  const rawNote = body.note;
  if (rawNote !== undefined && rawNote !== null && typeof rawNote !== 'string') throw badRequest('invalid-field', '"note" must be a string.');
  const note = typeof rawNote === 'string' && rawNote.trim() !== '' ? cleanText(rawNote).trim() : null;
  if (note && note.length > 2000) throw badRequest('text-too-long', 'A note may have at most 2,000 characters.');
  return { category, subcategory: sub as string | null, severity: severity as AnnotationSeverity, note };
}

function offset(value: unknown, name: string, length: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > length) {
    throw badRequest('invalid-span', `"${name}" must be a character offset from 0 to ${length}.`);
  }
  return value;
}

const pick = (a: Pick<LqaAnnotation, 'category' | 'subcategory' | 'severity' | 'note'>) => ({ category: a.category, subcategory: a.subcategory, severity: a.severity, note: a.note });

