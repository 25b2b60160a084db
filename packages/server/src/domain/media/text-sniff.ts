/**
 * Text formats have no magic number, so they are recognised by reading them: valid UTF-8, no NULs,
 * almost no control characters. SVG must look like an XML document whose root is `<svg>`; anything
 * that looks like HTML is refused (it would be a page, not a document).
 */

export type TextKind = 'svg' | 'csv' | 'txt' | 'html' | 'xml' | 'binary';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Markup a browser treats as HTML when sniffing (the WHATWG sniffing table, and then some). */
const HTML_START = /^<(?:!doctype\s+html|html|head|body|script|iframe|style|title|table|div|font|br|p|a|h1|b|img|object|embed|meta|link|form|svg:|math)[\s>/]/i;
/** HTML anywhere in the first bytes of a binary file makes it a polyglot. */
export const HTML_MARKERS = /<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg|meta|link|form|img)[\s>/]|javascript:/i;

/**
 * Classifies text bytes (the head of a file, or all of a small one). `truncated` says the bytes are
 * only the head, so a multi-byte character cut at the end is not an error.
 */
export function sniffText(bytes: Uint8Array, truncated: boolean): TextKind {
  if (bytes.length === 0) return 'binary';
  let text: string;
  try {
    text = decoder.decode(truncated ? trimPartialUtf8(bytes) : bytes);
  } catch {
    return 'binary';
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return 'binary';
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  if (controls > text.length / 100) return 'binary';
  const body = text.replace(/^\ufeff/, '').trimStart();
  if (body.startsWith('<')) {
    const root = xmlRoot(body);
    if (root === 'svg') return 'svg';
    if (HTML_START.test(body) || root === 'html' || /<html[\s>]|<script[\s>]/i.test(body.slice(0, 4096))) return 'html';
    if (root !== null || body.startsWith('<?xml')) return 'xml';
    return 'html';
  }
  return looksLikeCsv(body) ? 'csv' : 'txt';
}

/**
 * The name of the root element after the prolog (XML declaration, comments, processing instructions,
 * a DOCTYPE without internal subset); null when it cannot be found. An internal DTD subset (`[`),
 * the home of entity-expansion bombs, gives null.
 */
export function xmlRoot(text: string): string | null {
  let rest = text;
  for (let guard = 0; guard < 100; guard++) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return null;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return null;
      rest = rest.slice(end + 3);
    } else if (/^<!doctype/i.test(rest)) {
      const end = rest.indexOf('>');
      if (end < 0 || rest.slice(0, end).includes('[')) return null;
      rest = rest.slice(end + 1);
    } else {
      const m = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?[\s/>]/.exec(rest);
      if (!m) return null;
      return (m[2] ?? m[1] ?? '').toLowerCase();
    }
  }
  return null;
}

/** A whole SVG document: root `<svg>`, closed at the end, no internal DTD subset, no NULs. */
export function isWellFormedSvg(text: string): boolean {
  const body = text.replace(/^\ufeff/, '').trim();
  if (xmlRoot(body) !== 'svg') return false;
  if (/<!entity/i.test(body)) return false;
  if (!/<\/(?:[\w.-]+:)?svg\s*>$/.test(body) && !/^[^]*?<(?:[\w.-]+:)?svg\b[^>]*\/>\s*$/.test(body)) return false;
  const opens = (body.match(/<(?:[\w.-]+:)?svg[\s>/]/g) ?? []).length;
  const closes = (body.match(/<\/(?:[\w.-]+:)?svg\s*>/g) ?? []).length;
  return closes === 0 ? opens === 1 : opens === closes;
}

/** Several lines with the same, non-zero number of commas or semicolons. */
function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0).slice(0, 20);
  if (lines.length < 2) return false;
  for (const sep of [',', ';', '\t']) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    const first = counts[0] ?? 0;
    if (first > 0 && counts.every((c) => c === first)) return true;
  }
  return false;
}

/** Drops an incomplete UTF-8 sequence at the end of a cut buffer. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let i = bytes.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && ((bytes[i] ?? 0) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return bytes;
  const lead = bytes[i] ?? 0;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? bytes.subarray(0, i) : bytes;
}
