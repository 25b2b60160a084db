/** Longest file name kept, in characters (the content schema allows 255). */
export const MAX_FILE_NAME = 200;

/** C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters, BOM. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Characters that mean something to a filesystem or a shell on some platform. */
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A file name safe to store, show and offer for download: the last path segment only, no control
 * characters or bidi overrides (`invoice\u202Egnp.exe` shows as `invoiceexe.png`), no reserved
 * characters, no leading dots, at most `MAX_FILE_NAME` characters with its extension kept. Returns ''
 * when nothing usable is left.
 *
 * @example
 * sanitiseFileName('../../etc/pass\u0000wd.png'); // 'passwd.png'
 */
export function sanitiseFileName(raw: string): string {
  let name = raw.normalize('NFC').replace(INVISIBLE, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  if ([...name].length > MAX_FILE_NAME) {
    const ext = extensionOf(name);
    const keep = ext && ext.length <= 10 ? `.${ext}` : '';
    name = [...name].slice(0, MAX_FILE_NAME - keep.length).join('').trim() + keep;
  }
  return name;
}

/** The lowercase extension of a name, without the dot; '' when none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

/** A name that ends with the file's real extension: `photo` → `photo.png`, `x.exe` → `x.exe.png`. */
export function withExtension(name: string, ext: string, agreeing: (declaredExt: string) => boolean): string {
  const base = name === '' ? 'file' : name;
  const current = extensionOf(base);
  if (current !== '' && agreeing(current)) return base;
  const suffix = `.${ext}`;
  const chars = [...base];
  const room = MAX_FILE_NAME - suffix.length;
  return (chars.length > room ? chars.slice(0, room).join('') : base) + suffix;
}
