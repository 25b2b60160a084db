import sharp from 'sharp';
import type { Metadata } from 'sharp';
import { ParleyError } from '@parley/protocol';
import type { AcceptedType } from './accepted-types.js';

/** Raster formats sharp reports, by accepted extension. */
const SHARP_FORMAT: Record<string, string> = { png: 'png', jpg: 'jpeg', gif: 'gif' };

/**
 * Reads a raster image's header (cheap, off the event loop in libvips' threads) and refuses what
 * would blow up when decoded: more than `maxPixels` pixels over all frames is a decompression bomb.
 * The header's format must agree with the sniffed one.
 */
export async function checkImageHeader(path: string, type: AcceptedType, maxPixels: number): Promise<{ width: number; height: number }> {
  const expected = SHARP_FORMAT[type.ext];
  if (expected === undefined) return { width: 0, height: 0 };
  let meta: Metadata;
  try {
    meta = await sharp(path, { limitInputPixels: maxPixels, failOn: 'error' }).metadata();
  } catch (err) {
    // sharp refuses a header over its own pixel limit before anything is decoded.
    if (err instanceof Error && /pixel limit/i.test(err.message)) {
      throw new ParleyError('E_MEDIA_INVALID', `The image has more pixels than the limit of ${maxPixels} (a decompression bomb)`);
    }
    throw new ParleyError('E_MEDIA_INVALID', `The ${type.ext} image cannot be read`);
  }
  if (meta.format !== expected) throw new ParleyError('E_MEDIA_INVALID', `The image header says ${String(meta.format)}, not ${type.ext}`);
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  if (width < 1 || height < 1) throw new ParleyError('E_MEDIA_INVALID', 'The image has no size');
  if (width * height * frames > maxPixels) {
    throw new ParleyError('E_MEDIA_INVALID', `The image has ${width}×${height}${frames > 1 ? `×${frames}` : ''} pixels, over the limit of ${maxPixels}`);
  }
  return { width, height };
}
