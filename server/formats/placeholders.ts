import { attrString, attrsOf, childrenOf, escapeXml, localName, serialize, tagOf, type XmlNode } from './xml';

/**
 * Inline codes (XLIFF <pc>, <g>, <ph>, <x>…, TMX <bpt>, <ept>, <ph>…) are shown in a segment's text
 * as protected placeholders: ⟦1⟧ and ⟦/1⟧ around the text a paired code encloses, ⟦2/⟧ for a
 * standalone code. Numbers run from 1 within a segment. The segment's `codes` column maps each number
 * back to the original markup, so an export writes the codes back exactly where the reviewer left them.
 */
export const PLACEHOLDER = /⟦(\/?)(\d+)(\/?)⟧/g;

export type CodeOrigin = 'xliff2' | 'xliff12' | 'tmx';

export interface InlineCode {
  /** A paired code encloses text (⟦n⟧…⟦/n⟧); a standalone one is a single ⟦n/⟧. */
  paired: boolean;
  from: CodeOrigin;
  /** The id in the file, when the code had one. */
  id?: string;
  /** Paired: the opening tag; standalone: the whole element. */
  open: string;
  /** Paired: the closing tag. */
  close?: string;
}

export interface SegmentCodes {
  codes: Record<string, InlineCode>;
  /** XLIFF 2 <originalData> of the unit, which the codes' dataRef attributes point into. */
  originalData?: string;
}

/** Element names that enclose text; every other inline element is a standalone code. */
const PAIRED = new Set(['pc', 'g', 'mrk']);

/** Builds placeholder text from inline content, numbering codes; shares numbers between source and target. */
export class CodeCollector {
  readonly codes: Record<string, InlineCode> = {};
  private readonly byKey = new Map<string, number>();
  private next = 1;

  constructor(private readonly from: CodeOrigin) {}

  /** The text of inline content with every code replaced by its placeholder. */
  text(nodes: XmlNode[]): string {
    return this.walk(nodes, new Map());
  }

  /** `seen` counts repeats of a code within one text, so the second <x/> of a source matches the second of the target. */
  private walk(nodes: XmlNode[], seen: Map<string, number>): string {
    return nodes.map((node) => {
      if ('#text' in node) return String(node['#text']);
      const tag = tagOf(node)!;
      const attrs = attrsOf(node);
      const paired = PAIRED.has(localName(tag));
      // TMX pairs <bpt i="1"> and <ept i="1">: both are standalone here, matched by i for numbering.
      const id = attrs.id ?? attrs.i ?? attrs.x;
      const base = `${tag}#${id ?? serialize(node)}`;
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const key = `${base}#${occurrence}`;
      let n = this.byKey.get(key);
      if (n === undefined) {
        n = this.next++;
        this.byKey.set(key, n);
        this.codes[n] = paired
          ? { paired, from: this.from, id, open: `<${tag}${attrString(attrs)}>`, close: `</${tag}>` }
          : { paired, from: this.from, id, open: serialize(node) };
      }
      return paired ? `⟦${n}⟧${this.walk(childrenOf(node), seen)}⟦/${n}⟧` : `⟦${n}/⟧`;
    }).join('');
  }

  get empty(): boolean {
    return this.next === 1;
  }
}

export function parseCodes(json: string | null | undefined): SegmentCodes | undefined {
  if (!json) return undefined;
  return JSON.parse(json) as SegmentCodes;
}

/** Segment text → markup for `format`, with placeholders turned back into the original codes. */
export function renderInline(text: string, codes: SegmentCodes | undefined, format: CodeOrigin): string {
  if (!codes) return escapeXml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const code = codes.codes[m[2]];
    if (!code) continue;
    out += escapeXml(text.slice(last, m.index));
    last = m.index + m[0].length;
    const closing = m[1] === '/';
    out += closing ? closeTag(code, m[2], format) : openTag(code, m[2], format);
  }
  return out + escapeXml(text.slice(last));
}

function openTag(code: InlineCode, n: string, format: CodeOrigin): string {
  if (code.from === format) return code.open;
  const id = code.id ?? n;
  if (format === 'tmx') return code.paired ? `<bpt i="${n}">${escapeXml(code.open)}</bpt>` : `<ph x="${n}">${escapeXml(code.open)}</ph>`;
  if (format === 'xliff2') return code.paired ? `<pc${attrString({ id })}>` : `<ph${attrString({ id })}/>`;
  return code.paired ? `<g${attrString({ id })}>` : `<x${attrString({ id })}/>`;
}

function closeTag(code: InlineCode, n: string, format: CodeOrigin): string {
  if (code.from === format) return code.close ?? '';
  if (format === 'tmx') return `<ept i="${n}">${escapeXml(code.close ?? '')}</ept>`;
  return format === 'xliff2' ? '</pc>' : '</g>';
}

/** Placeholders stripped, for plain-text exports and word counts. */
export const stripPlaceholders = (text: string) => text.replace(PLACEHOLDER, '');

/**
 * Why `proposed` breaks the protected placeholders of a segment, or undefined when it keeps them:
 * every code of the MT must still be there, once, none may be invented, and a pair must open before
 * it closes.
 */
export function placeholderProblem(mt: string, proposed: string, codes: SegmentCodes | undefined): string | undefined {
  if (!codes || Object.keys(codes.codes).length === 0) return undefined;
  const seen = new Map<string, number>();
  const open: string[] = [];
  for (const m of proposed.matchAll(PLACEHOLDER)) {
    const [token, slash, n, selfClosing] = m;
    const code = codes.codes[n];
    if (!code || (code.paired ? selfClosing === '/' : slash === '/' || selfClosing !== '/')) return `${token} is not one of this segment's inline codes.`;
    if ((seen.get(token) ?? 0) > 0) return `${token} appears twice.`;
    seen.set(token, 1);
    if (code.paired && slash !== '/') open.push(n);
    if (code.paired && slash === '/') {
      if (open[open.length - 1] !== n) return `⟦/${n}⟧ must close ⟦${n}⟧, after it and without crossing another pair.`;
      open.pop();
    }
  }
  if (open.length) return `⟦${open[open.length - 1]}⟧ is opened but never closed with ⟦/${open[open.length - 1]}⟧.`;
  for (const m of mt.matchAll(PLACEHOLDER)) if (!seen.has(m[0])) return `The inline code ${m[0]} was removed; keep it where it belongs in the sentence.`;
  return undefined;
}
