import Type, { type Static } from 'typebox';
import { literalUnion } from '../literal-union.js';
import { ErrorBodySchema } from '../error-schema.js';
import { SeedUserSchema } from './chat.js';

/** The media API's answers (docs/media.md) as schemas. */

/** What an upload answers: the media id to send, and what the bytes turned out to be. */
export const MediaViewSchema = Type.Object({
  id: Type.String(),
  kind: literalUnion(['image', 'audio', 'video', 'document'] as const),
  mimeType: Type.String({ description: 'The type sniffed from the bytes' }),
  documentType: Type.String({ description: 'The canonical extension (png, jpg, pdf, mp3, …)' }),
  fileName: Type.String(),
  fileSize: Type.Integer(),
  status: literalUnion(['pending', 'ready', 'failed'] as const),
  width: Type.Optional(Type.Integer()),
  height: Type.Optional(Type.Integer()),
  duration: Type.Optional(Type.Number({ description: 'Seconds, for audio and video' })),
  createdAt: Type.Integer(),
});

/** A download token for a media message's file, and the URL that serves it. */
export const DownloadTokenSchema = Type.Object({
  fileToken: Type.String(),
  fileKey: Type.String(),
  expiresAt: Type.Integer(),
  url: Type.String({ description: 'The download route with the token, relative to the server' }),
});

/** Seed 000's answer to GetMultimediaMessageInActiveChat (`MultimediaObject`), also on failure. */
export const MultimediaObjectSchema = Type.Object({
  result: Type.Boolean(),
  data: Type.Union([
    Type.Object({
      chatID: Type.String(),
      messageID: Type.String(),
      messageType: Type.String(),
      domain: Type.String(),
      format: literalUnion(['fullsize', 'thumbnail', 'link'] as const),
      content: Type.Object({
        img: Type.Optional(Type.String()),
        document: Type.Optional(Type.String()),
        audio: Type.Optional(Type.String()),
        video: Type.Optional(Type.String()),
        caption: Type.String(),
        fileName: Type.String(),
        documentType: Type.String(),
        link: Type.Optional(Type.String()),
        user: SeedUserSchema,
      }),
    }),
    Type.Null(),
  ]),
  error: Type.Union([ErrorBodySchema, Type.Null()]),
});

export type MediaView = Static<typeof MediaViewSchema>;
export type DownloadToken = Static<typeof DownloadTokenSchema>;
