import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError, badRequest } from '../errors';

/** A node of fast-xml-parser's ordered output: `{tag: children, ':@': attributes}` or `{'#text': text}`. */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Decodes numeric character references (&#x4E2D;); named entities other than XML's five are refused below.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses an XML document with fast-xml-parser. A DOCTYPE or ENTITY declaration is refused before
 * parsing (no entity expansion, so no "billion laughs"); malformed XML is a 400 naming the line.
 */
export function parseXml(text: string, what: string, limits: XmlLimits = XML_LIMITS): XmlNode[] {
  if (text.length > limits.maxChars) {
    throw new AppError(413, 'xml-too-large', `${what} has ${text.length.toLocaleString('en')} characters; Calque reads XML files of up to ${limits.maxChars.toLocaleString('en')}.`);
  }
  const references = countOf(text, 0x26);
  if (references > limits.maxEntityReferences) {
    throw new AppError(413, 'xml-too-many-entities', `${what} has ${references.toLocaleString('en')} character references (&...;); the limit is ${limits.maxEntityReferences.toLocaleString('en')}.`);
  }
  const declaration = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declaration) {
    throw badRequest('xml-doctype', `${what} has a ${declaration[1].toUpperCase()} declaration on line ${lineOf(text, declaration.index)}; Calque does not read DTDs or entity declarations. Remove it and try again.`);
  }
  const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (result !== true) {
    throw badRequest('malformed-xml', `${what} is not well-formed XML: ${result.err.msg} (line ${result.err.line}, column ${result.err.col}).`, { line: result.err.line, column: result.err.col });
  }
  try {
    return parser.parse(text) as XmlNode[];
  } catch (err) {
    // The validator passes some documents the parser refuses (e.g. "Maximum nested tags exceeded").
    throw badRequest('malformed-xml', `${what} could not be read as XML: ${err instanceof Error ? err.message : String(err)}.`);
  }
}

export interface XmlLimits {
  /** Largest XML text parsed, in characters: checked before parsing. */
  maxChars: number;
  /** Most "&" references (&amp;, &#x4E2D;) in one file: counted before parsing. */
  maxEntityReferences: number;
}

export const XML_LIMITS: XmlLimits = { maxChars: 64 * 1024 * 1024, maxEntityReferences: 2_000_000 };

function countOf(text: string, code: number): number {
  let n = 0;
  for (let i = text.indexOf(String.fromCharCode(code)); i >= 0; i = text.indexOf(String.fromCharCode(code), i + 1)) n++;
  return n;
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The tag name of an element node, or undefined for text. */
export function tagOf(node: XmlNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text') return key;
  return undefined;
}

export const childrenOf = (node: XmlNode): XmlNode[] => {
  const tag = tagOf(node);
  return tag ? (node[tag] as XmlNode[]) : [];
};
export const attrsOf = (node: XmlNode): Record<string, string> => (node[':@'] as Record<string, string> | undefined) ?? {};
export const localName = (tag: string) => tag.replace(/^.*:/, '');

/** Child elements with the given (local) name. */
export function elements(node: XmlNode, name: string): XmlNode[] {
  return childrenOf(node).filter((c) => {
    const tag = tagOf(c);
    return tag !== undefined && localName(tag) === name;
  });
}

export const element = (node: XmlNode, name: string): XmlNode | undefined => elements(node, name)[0];

/** The root element of a parsed document. */
export function rootOf(nodes: XmlNode[]): XmlNode | undefined {
  return nodes.find((n) => tagOf(n) !== undefined);
}

/** All text inside a node, markup dropped. */
export function textOf(node: XmlNode): string {
  if ('#text' in node) return String(node['#text']);
  return childrenOf(node).map(textOf).join('');
}

// Most text has nothing to escape: one test is cheaper than the replacements.
const XML_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ATTR_SPECIAL = /[&<>"\n\r\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

export function escapeAttr(text: string): string {
  if (!ATTR_SPECIAL.test(text)) return text;
  return escapeXml(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

export function attrString(attrs: Record<string, string | undefined | null>): string {
  let out = '';
  for (const name of Object.keys(attrs)) {
    const value = attrs[name];
    if (value !== undefined && value !== null) out += ` ${name}="${escapeAttr(String(value))}"`;
  }
  return out;
}

/** Writes a parsed node back as XML (attributes and text escaped). */
export function serialize(node: XmlNode): string {
  if ('#text' in node) return escapeXml(String(node['#text']));
  const tag = tagOf(node)!;
  const children = childrenOf(node);
  const attrs = attrString(attrsOf(node));
  return children.length === 0 ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${children.map(serialize).join('')}</${tag}>`;
}
