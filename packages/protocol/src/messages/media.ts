import Type, { type Static } from 'typebox';
import { IdSchema } from '../schemas.js';
import { CONTENT_LIMITS, contentObject, HTTP_URL_PATTERN, HttpUrlSchema } from './common.js';

const HTTP_URL_BODY = HTTP_URL_PATTERN.slice(1, -1);

/**
 * IMAGE, DOCUMENT, AUDIO, VIDEO share one content shape: seed 001's `caption`, `fileName` and
 * `documentType`, plus the media reference fields (seed 004's file message params) that the media
 * service fills in. All optional here; `checkMediaContent` requires that the message names its file.
 */
export const MediaContentSchema = contentObject({
  caption: Type.Optional(Type.String({ maxLength: CONTENT_LIMITS.text })),
  /** Display name of the file: no path separators or control characters. */
  fileName: Type.Optional(
    Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.fileName, pattern: '^[^\\x00-\\x1f\\x7f/\\\\]+$' }),
  ),
  /** Format, as seed 001 gives it (`jpg`, `xlsx`, `mp4`) or a MIME type; may be empty. */
  documentType: Type.Optional(Type.String({ maxLength: 100, pattern: '^(?:[A-Za-z0-9][A-Za-z0-9.+/_-]*)?$' })),
  /** Id of the stored blob (media service). */
  mediaId: Type.Optional(IdSchema),
  /** Size in bytes. */
  fileSize: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  /** Length of audio or video, in seconds. */
  duration: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
  width: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  height: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  /** A small inline image (`data:image/png|jpeg|gif|webp;base64,…`), an http(s) URL or a media id. */
  thumbnail: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: CONTENT_LIMITS.thumbnail,
      pattern: `^(?:data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+|${HTTP_URL_BODY}|[^\\s\\x00-\\x1f\\x7f:]+)$`,
    }),
  ),
  /** A file served elsewhere (seed 004's `fileUrl`), http(s) only. */
  fileUrl: Type.Optional(HttpUrlSchema),
});

export type MediaContent = Static<typeof MediaContentSchema>;
export type ImageContent = MediaContent;
export type DocumentContent = MediaContent;
export type AudioContent = MediaContent;
export type VideoContent = MediaContent;
