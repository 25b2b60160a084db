import type { Feature, MediaMessageType } from '@parley/protocol';
import type { MediaKind } from '../../store/media-types.js';

/** One accepted format: what a file of it is, and how it may be served. */
export interface AcceptedType {
  /** Canonical extension, also the `documentType` Parley fills in. */
  ext: string;
  kind: MediaKind;
  mimeType: string;
  /** Other names a sender may use for it (`jpeg` for `jpg`, MIME types). */
  aliases: readonly string[];
  /** Safe to show in a browser (raster images, audio, video); everything else downloads as attachment. */
  inline: boolean;
}

const T = (ext: string, kind: MediaKind, mimeType: string, inline: boolean, aliases: string[] = []): AcceptedType => ({
  ext,
  kind,
  mimeType,
  inline,
  aliases: [mimeType, ...aliases],
});

/**
 * The accepted lists of seed 004: image png/jpg/jpeg/gif/svg, audio mp3/mpeg/wav, video mp4, document
 * pdf/doc/docx/xls/xlsx/ppt/pptx/csv/txt. SVG is an image but never inline (it can carry script).
 */
export const ACCEPTED_TYPES: readonly AcceptedType[] = [
  T('png', 'image', 'image/png', true),
  T('jpg', 'image', 'image/jpeg', true, ['jpeg', 'jpe', 'image/jpg', 'image/pjpeg']),
  T('gif', 'image', 'image/gif', true),
  T('svg', 'image', 'image/svg+xml', false),
  T('mp3', 'audio', 'audio/mpeg', true, ['audio/mp3', 'mpga']),
  T('mpeg', 'audio', 'audio/mpeg', true, ['mp2', 'mp1', 'mpa']),
  T('wav', 'audio', 'audio/wav', true, ['wave', 'audio/wave', 'audio/x-wav', 'audio/vnd.wave']),
  T('mp4', 'video', 'video/mp4', true, ['m4v']),
  T('pdf', 'document', 'application/pdf', false),
  T('doc', 'document', 'application/msword', false),
  T('docx', 'document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', false),
  T('xls', 'document', 'application/vnd.ms-excel', false),
  T('xlsx', 'document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false),
  T('ppt', 'document', 'application/vnd.ms-powerpoint', false),
  T('pptx', 'document', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', false),
  T('csv', 'document', 'text/csv', false, ['application/csv', 'text/comma-separated-values']),
  T('txt', 'document', 'text/plain', false, ['text']),
];

const BY_EXT = new Map(ACCEPTED_TYPES.map((t) => [t.ext, t]));

export function acceptedType(ext: string): AcceptedType | undefined {
  return BY_EXT.get(ext);
}

/** The accepted type a declared name (extension, alias or MIME type) means, if any. */
export function typeNamed(declared: string): AcceptedType | undefined {
  const d = declared.trim().toLowerCase().replace(/^\./, '').split(';')[0]?.trim() ?? '';
  if (d === '') return undefined;
  return ACCEPTED_TYPES.find((t) => t.ext === d || t.aliases.includes(d));
}

/** Whether a declared name agrees with the sniffed type (`mpeg` and `mp3` are both MPEG audio). */
export function agrees(declared: AcceptedType, actual: AcceptedType): boolean {
  return declared.ext === actual.ext || declared.mimeType === actual.mimeType;
}

export const KIND_OF_MESSAGE_TYPE: Record<MediaMessageType, MediaKind> = {
  IMAGE: 'image',
  AUDIO: 'audio',
  VIDEO: 'video',
  DOCUMENT: 'document',
};

export const MESSAGE_TYPE_OF_KIND: Record<MediaKind, MediaMessageType> = {
  image: 'IMAGE',
  audio: 'AUDIO',
  video: 'VIDEO',
  document: 'DOCUMENT',
};

/** The plan feature each kind needs (seed 004: 403 when the plan lacks it). */
export const FEATURE_OF_KIND: Record<MediaKind, Feature> = {
  image: 'imageAttachment',
  audio: 'audioAttachment',
  video: 'videoAttachment',
  document: 'documentAttachment',
};
