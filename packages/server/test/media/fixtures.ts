import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { ffmpegAvailable, pdftoppmAvailable } from '../../src/infra/tools/index.js';

const exec = promisify(execFile);

/** Real files for the media tests, generated here (no binary fixtures in the repository). */
export async function png(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } }).png().toBuffer();
}

/** A noisy PNG (does not compress away), for large-image renditions. */
export async function noisyPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366aa', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export async function jpeg(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 220 } } }).jpeg().toBuffer();
}

export async function gif(width = 100, height = 80): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 1 } } }).gif().toBuffer();
}

export const SVG = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80"><rect width="120" height="80" fill="#c33"/></svg>\n',
);

export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);

export const HTML = Buffer.from('<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n');

export const CSV = Buffer.from('name,qty,price\napple,3,1.20\npear,5,0.90\nplum,7,2.10\n');
export const TXT = Buffer.from('Hello,\nthis is a plain text note for the agent.\nThanks!\n');

/** A PDF file of the given objects (object 1 is the catalog), with a correct cross-reference table. */
function pdfOf(objects: readonly string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A minimal valid PDF: one empty page, with a correct cross-reference table. */
export function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  return pdfOf(objects);
}

/** One page of {@link drawnPdf}: its size in points and the colour (0–1 RGB) that fills it. */
export interface PdfPage {
  width: number;
  height: number;
  rgb: [number, number, number];
}

/**
 * A real PDF whose pages are painted with a content stream (a full-page rectangle each), so what a
 * renderer draws can be checked: the size and colour of page 1 differ from the others'.
 */
export function drawnPdf(pages: PdfPage[]): Buffer {
  const n = pages.length;
  const kids = pages.map((_, i) => `${3 + i * 2} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`];
  for (const [i, p] of pages.entries()) {
    const draw = `${p.rgb.join(' ')} rg 0 0 ${p.width} ${p.height} re f`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${p.width} ${p.height}] /Contents ${4 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(draw)} >>\nstream\n${draw}\nendstream`);
  }
  return pdfOf(objects);
}

/** A bare zip archive (stored, no compression) of the given entries, with its central directory. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A minimal Word document (DOCX): the parts that say what it is, and one paragraph. */
export function docx(): Buffer {
  const main = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  return zip([
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`,
    ],
    [
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>',
    ],
  ]);
}

/** A mono 16-bit PCM WAV of a sine tone, written by hand. */
export function wav(seconds = 1.5, rate = 8000): Buffer {
  const samples = Math.round(seconds * rate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([len, typed, crc]);
}

/** A valid PNG whose first bytes also carry an HTML page (in a tEXt chunk): a polyglot. */
export async function pngPolyglot(): Promise<Buffer> {
  const base = await png(16, 16);
  const text = chunk('tEXt', Buffer.from('Comment\u0000<html><body><script>alert(1)</script></body></html>', 'latin1'));
  return Buffer.concat([base.subarray(0, 33), text, base.subarray(33)]);
}

/** A decompression bomb: a tiny PNG whose header claims 100000×100000 pixels. */
export async function pngBomb(): Promise<Buffer> {
  const out = Buffer.from(await png(1, 1));
  out.writeUInt32BE(100_000, 16);
  out.writeUInt32BE(100_000, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

/** MP3 and MP4 made with ffmpeg; null when ffmpeg is not installed. */
export async function ffmpegFiles(): Promise<{ mp3: Buffer; mp4: Buffer } | null> {
  if (!(await ffmpegAvailable())) return null;
  const dir = await mkdtemp(join(tmpdir(), 'parley-ff-'));
  try {
    const mp3 = join(dir, 'tone.mp3');
    const mp4 = join(dir, 'clip.mp4');
    await exec('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'libmp3lame', '-b:a', '64k', mp3]);
    await exec('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '2', '-pix_fmt', 'yuv420p', '-c:v', 'mpeg4', mp4]);
    return { mp3: await readFile(mp3), mp4: await readFile(mp4) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Why an ffmpeg test is skipped: only locally, never in CI. */
export async function ffmpegSkip(): Promise<string | false> {
  if (await ffmpegAvailable()) return false;
  if (process.env.CI || process.env.PARLEY_REQUIRE_SERVICES) return false;
  return 'ffmpeg is not installed (CI installs it)';
}

/** Why a PDF thumbnail test is skipped: only locally, never in CI (CI installs poppler-utils). */
export async function pdftoppmSkip(): Promise<string | false> {
  if (await pdftoppmAvailable()) return false;
  if (process.env.CI || process.env.PARLEY_REQUIRE_SERVICES) return false;
  return 'pdftoppm is not installed (CI installs poppler-utils)';
}
