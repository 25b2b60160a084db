import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { parseFile } from 'music-metadata';
import type { BlobStore } from '../../blobs/index.js';
import type { MediaProcessed, MediaRow } from '../../store/media-types.js';
import { ffmpegAvailable, pdfFirstPage, pdftoppmAvailable, probeVideo, videoFrame } from '../../infra/tools/index.js';

export interface ProcessOptions {
  /** Decompression-bomb guard for sharp. */
  maxInputPixels: number;
  /** Longest side of the thumbnail (seed 000 `thumbnail` format). */
  thumbnailSize: number;
  /** Longest side of the inline preview in message content. */
  previewSize: number;
  /** Images with a longer side are resized to this for the `fullsize` format (seed 002). */
  fullsizeMax: number;
  /** Deadline for each ffmpeg / ffprobe / pdftoppm run. */
  toolTimeoutMs: number;
}

type Found = Omit<MediaProcessed, 'status' | 'processedAt'>;

const EMPTY: Found = {
  width: null,
  height: null,
  duration: null,
  thumbnailKey: null,
  preview: null,
  fullsizeKey: null,
  fullsizeSize: null,
  fullsizeWidth: null,
  fullsizeHeight: null,
};

/**
 * The slow part of a media file, run by the job queue off the request path: dimensions, duration,
 * thumbnail and inline preview (of an image, a video's first frame, a PDF's first page), and the
 * resized `fullsize` rendition of a large image.
 */
export async function processMedia(media: MediaRow, path: string, blobs: BlobStore, opts: ProcessOptions): Promise<MediaProcessed> {
  let found: Found = { ...EMPTY };
  try {
    if (media.kind === 'image' && media.ext !== 'svg') found = await processImage(path, media.ext, blobs, opts);
    else if (media.kind === 'audio') found.duration = await durationOf(path);
    else if (media.kind === 'video') found = await processVideo(path, blobs, opts);
    else if (needsPdfThumbnail(media)) found = await processPdf(path, blobs, opts);
  } catch {
    return { ...found, status: 'failed', processedAt: Date.now() };
  }
  return { ...found, status: 'ready', processedAt: Date.now() };
}

async function processImage(path: string, ext: string, blobs: BlobStore, opts: ProcessOptions): Promise<Found> {
  const input = (): Sharp => sharp(path, { limitInputPixels: opts.maxInputPixels, animated: false }).rotate();
  const meta = await sharp(path, { limitInputPixels: opts.maxInputPixels }).metadata();
  const rotated = (meta.orientation ?? 1) >= 5;
  const rawW = meta.width ?? 0;
  const rawH = meta.pageHeight ?? meta.height ?? 0;
  const width = rotated ? rawH : rawW;
  const height = rotated ? rawW : rawH;
  const images = await thumbnails(input(), blobs, opts);
  const found: Found = { ...EMPTY, width, height, ...images };
  if (Math.max(width, height) > opts.fullsizeMax && ext !== 'gif') {
    const resized = input().resize(opts.fullsizeMax, opts.fullsizeMax, { fit: 'inside', withoutEnlargement: true });
    const out = await (ext === 'png' ? resized.png({ compressionLevel: 9 }) : resized.jpeg({ quality: 85, mozjpeg: true })).toBuffer({
      resolveWithObject: true,
    });
    const blob = await blobs.put(out.data);
    found.fullsizeKey = blob.key;
    found.fullsizeSize = blob.size;
    found.fullsizeWidth = out.info.width;
    found.fullsizeHeight = out.info.height;
  }
  return found;
}

async function processVideo(path: string, blobs: BlobStore, opts: ProcessOptions): Promise<Found> {
  const found: Found = { ...EMPTY, duration: await durationOf(path).catch(() => null) };
  if (!(await ffmpegAvailable())) return found;
  const probed = await probeVideo(path, opts.toolTimeoutMs);
  if (probed) {
    found.width = probed.width;
    found.height = probed.height;
    found.duration ??= probed.duration;
  }
  const frame = await videoFrame(path, opts.thumbnailSize, opts.toolTimeoutMs);
  if (frame) Object.assign(found, await thumbnails(sharp(frame, { limitInputPixels: opts.maxInputPixels }), blobs, opts));
  return found;
}

/** Whether a file is a PDF, the one document format with a thumbnail (its first page). */
export function needsPdfThumbnail(media: Pick<MediaRow, 'kind' | 'ext'>): boolean {
  return media.kind === 'document' && media.ext === 'pdf';
}

/**
 * A PDF's first page as thumbnail and preview. Without pdftoppm, or when the page does not render,
 * the document simply has no thumbnail (its `thumbnail` format then serves the file, labelled so).
 * No width or height: those of a rendered page would describe the picture, not the document.
 */
async function processPdf(path: string, blobs: BlobStore, opts: ProcessOptions): Promise<Found> {
  if (!(await pdftoppmAvailable())) return { ...EMPTY };
  const page = await pdfFirstPage(path, opts.thumbnailSize, opts.toolTimeoutMs);
  if (!page) return { ...EMPTY };
  return { ...EMPTY, ...(await thumbnails(sharp(page, { limitInputPixels: opts.maxInputPixels }), blobs, opts)) };
}

/** The JPEG thumbnail (stored as a blob) and the tiny inline preview (a data URI). */
async function thumbnails(image: Sharp, blobs: BlobStore, opts: ProcessOptions): Promise<Pick<Found, 'thumbnailKey' | 'preview'>> {
  const flat = image.flatten({ background: '#ffffff' });
  const thumb = await flat
    .clone()
    .resize(opts.thumbnailSize, opts.thumbnailSize, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
  const preview = await flat
    .clone()
    .resize(opts.previewSize, opts.previewSize, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 60 })
    .toBuffer();
  const blob = await blobs.put(thumb);
  return { thumbnailKey: blob.key, preview: `data:image/jpeg;base64,${preview.toString('base64')}` };
}

/** Seconds, rounded to milliseconds; null when the file does not say. */
async function durationOf(path: string): Promise<number | null> {
  const meta = await parseFile(path, { duration: true, skipCovers: true });
  const d = meta.format.duration;
  return d !== undefined && Number.isFinite(d) && d >= 0 ? Math.round(d * 1000) / 1000 : null;
}
