import type { MediaContent } from '@parley/protocol';
import type { MediaRow } from '../../store/media-types.js';

/**
 * The content with what the server knows of the file filled in where the sender left it out:
 * `fileName` (sanitised), `documentType`, and once processed `width`, `height`, `duration` and the
 * inline `thumbnail` preview. `fileSize` is always the stored size (the bytes are the truth).
 */
export function fillFromMedia(content: MediaContent, media: MediaRow): MediaContent {
  const out: MediaContent = { ...content, mediaId: media.id, fileSize: media.size };
  out.fileName ??= media.fileName;
  out.documentType ??= media.ext;
  if (out.width === undefined && media.width !== null && media.width > 0) out.width = media.width;
  if (out.height === undefined && media.height !== null && media.height > 0) out.height = media.height;
  if (out.duration === undefined && media.duration !== null) out.duration = media.duration;
  if (out.thumbnail === undefined && media.preview !== null) out.thumbnail = media.preview;
  return out;
}
