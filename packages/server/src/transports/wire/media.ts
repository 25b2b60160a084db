import type { MediaView } from '@parley/protocol';
import type { MediaRow } from '../../store/media-types.js';

/** What an upload answers: the media id to send, and what the bytes turned out to be. */
export function toMediaView(media: MediaRow): MediaView {
  return {
    id: media.id,
    kind: media.kind,
    mimeType: media.mimeType,
    documentType: media.ext,
    fileName: media.fileName,
    fileSize: media.size,
    status: media.status,
    ...(media.width !== null ? { width: media.width } : {}),
    ...(media.height !== null ? { height: media.height } : {}),
    ...(media.duration !== null ? { duration: media.duration } : {}),
    createdAt: media.createdAt,
  };
}
