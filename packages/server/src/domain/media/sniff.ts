import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { ParleyError } from '@parley/protocol';
import { acceptedType, type AcceptedType } from './accepted-types.js';
import { HTML_MARKERS, isWellFormedSvg, sniffText } from './text-sniff.js';

/** Bytes read to recognise a text format. */
const TEXT_HEAD = 64 * 1024;
/** Bytes of a binary file a browser looks at when it sniffs for HTML: no markup allowed there. */
const POLYGLOT_HEAD = 1024;
/** SVG is parsed whole, so it is kept small. */
export const MAX_SVG_BYTES = 2 * 1024 * 1024;

/** What file-type reports, mapped to the accepted formats (`mp2` is MPEG audio, `m4v` an MP4). */
const FROM_FILE_TYPE: Record<string, string> = {
  png: 'png',
  jpg: 'jpg',
  gif: 'gif',
  mp3: 'mp3',
  mp2: 'mpeg',
  mp1: 'mpeg',
  wav: 'wav',
  mp4: 'mp4',
  m4v: 'mp4',
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
};

/** UTF-16LE stream names that tell the legacy Office formats apart inside a compound file. */
const CFB_STREAMS: [string, Buffer][] = [
  ['doc', Buffer.from('WordDocument', 'utf16le')],
  ['xls', Buffer.from('Workbook', 'utf16le')],
  ['ppt', Buffer.from('PowerPoint Document', 'utf16le')],
];

/**
 * The type of a file from its bytes, never its name: magic numbers (file-type), then the compound
 * file's streams for doc/xls/ppt, then a careful read for the text formats (svg, csv, txt). The
 * declared extension only chooses between csv and txt, which the bytes cannot tell apart. Throws
 * E_UNSUPPORTED_MEDIA_TYPE for anything outside the accepted lists (HTML, executables, archives,
 * polyglots) and E_MEDIA_INVALID for a broken SVG.
 */
export async function sniffFile(path: string, size: number, declaredExt = ''): Promise<AcceptedType> {
  const detected = await fileTypeFromFile(path);
  if (detected && detected.ext !== 'xml') {
    let ext = FROM_FILE_TYPE[detected.ext];
    if (detected.ext === 'cfb') ext = await legacyOffice(path);
    const type = ext === undefined ? undefined : acceptedType(ext);
    if (!type) throw new ParleyError('E_UNSUPPORTED_MEDIA_TYPE', `Files of type ${detected.ext} (${detected.mime}) are not accepted`);
    await refusePolyglot(path, type);
    return type;
  }
  const head = await readHead(path, TEXT_HEAD);
  const kind = sniffText(head, size > head.length);
  switch (kind) {
    case 'svg': {
      if (size > MAX_SVG_BYTES) throw new ParleyError('E_MEDIA_INVALID', `An SVG may be at most ${MAX_SVG_BYTES} bytes`);
      if (!isWellFormedSvg(await readFile(path, 'utf8'))) throw new ParleyError('E_MEDIA_INVALID', 'The SVG is not a well-formed <svg> document');
      return typeOf('svg');
    }
    case 'csv':
    case 'txt':
      return typeOf(declaredExt === 'csv' || declaredExt === 'txt' ? declaredExt : kind);
    case 'html':
      throw new ParleyError('E_UNSUPPORTED_MEDIA_TYPE', 'The file is HTML, which is not accepted');
    case 'xml':
      throw new ParleyError('E_UNSUPPORTED_MEDIA_TYPE', 'XML documents other than SVG are not accepted');
    default:
      throw new ParleyError('E_UNSUPPORTED_MEDIA_TYPE', 'The file is not of an accepted type');
  }
}

function typeOf(ext: string): AcceptedType {
  const type = acceptedType(ext);
  if (!type) throw new ParleyError('E_INTERNAL', `no accepted type ${ext}`);
  return type;
}

/** A binary file with HTML in its first bytes is a polyglot: a browser could run it as a page. */
async function refusePolyglot(path: string, type: AcceptedType): Promise<void> {
  const head = Buffer.from(await readHead(path, POLYGLOT_HEAD)).toString('latin1');
  if (HTML_MARKERS.test(head)) {
    throw new ParleyError('E_UNSUPPORTED_MEDIA_TYPE', `The file is a ${type.ext} that also carries HTML (a polyglot), which is not accepted`);
  }
}

/** doc, xls or ppt, by the streams the compound file holds (its directory may be anywhere). */
async function legacyOffice(path: string): Promise<string | undefined> {
  const overlap = Math.max(...CFB_STREAMS.map(([, b]) => b.length));
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const window = Buffer.concat([carry, chunk as Buffer]);
    for (const [ext, name] of CFB_STREAMS) if (window.includes(name)) return ext;
    carry = window.subarray(Math.max(0, window.length - overlap));
  }
  return undefined;
}

export async function readHead(path: string, max: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buf, 0, max, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
