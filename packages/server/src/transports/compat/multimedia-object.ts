import type { MediaContent } from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import type { MediaMessage } from '../../domain/media/index.js';

/** Seed 000's multimedia object and its formats are wire shapes: one definition, in the protocol. */
export type { MultimediaFormat as SeedFormat, MultimediaObject } from '@parley/protocol';
import type { MultimediaFormat as SeedFormat, MultimediaObject } from '@parley/protocol';

/** Which key carries the base64 bytes, per message type (seed 000 names `img` and `document`). */
const PAYLOAD_KEY = { IMAGE: 'img', DOCUMENT: 'document', AUDIO: 'audio', VIDEO: 'video' } as const;

/** The facades a multimedia object is built from: `livechat` names the sender, `media` reads the file. */
export type MultimediaServices = Pick<Services, 'livechat' | 'media'>;

/**
 * Builds seed 000's multimedia object for a media message the caller may read. `format` is what was
 * served, not only what was asked: a `thumbnail` request for a file without one (a DOCX, a PDF that
 * did not render, an SVG) answers the file itself as `fullsize`. The base64 goes under the message
 * type's key either way (`img`, `document`…); a thumbnail is always a JPEG, while `fileName` and
 * `documentType` keep describing the original file.
 */
export async function multimediaObject(services: MultimediaServices, found: MediaMessage, asked: SeedFormat, domain: string): Promise<MultimediaObject> {
  const { chat, row, media } = found;
  const content = row.content as MediaContent;
  const out: NonNullable<MultimediaObject['data']>['content'] = {
    caption: content.caption ?? '',
    fileName: content.fileName ?? media.fileName,
    documentType: content.documentType ?? media.ext,
    user: await services.livechat.visitors.seedUserInChat(chat.tenantId, chat.id, row.senderId),
  };
  let format = asked;
  if (asked === 'link') {
    out.link = `/livechat/${encodeURIComponent(domain)}/downloadDocument/${encodeURIComponent(chat.id)}/${encodeURIComponent(row.id)}`;
  } else {
    const file = await services.media.file(media, asked);
    format = file.format === 'thumbnail' ? 'thumbnail' : 'fullsize';
    const key = PAYLOAD_KEY[row.messageType as keyof typeof PAYLOAD_KEY] ?? 'document';
    out[key] = (await services.media.bytes(file)).toString('base64');
  }
  return {
    result: true,
    data: { chatID: chat.id, messageID: row.id, messageType: row.messageType, domain, format, content: out },
    error: null,
  };
}
