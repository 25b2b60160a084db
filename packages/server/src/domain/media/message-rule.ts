import { MEDIA_MESSAGE_TYPES, ParleyError, type MediaContent, type MediaMessageType } from '@parley/protocol';
import type { CommitContext, MessageRule, SendContext } from '../messages/rules/types.js';
import { FEATURE_OF_KIND, KIND_OF_MESSAGE_TYPE, agrees, typeNamed } from './accepted-types.js';
import { extensionOf, sanitiseFileName, withExtension } from './file-name.js';
import { fillFromMedia } from './fill-content.js';
import type { MediaService } from './media-service.js';

/**
 * The rule of IMAGE, DOCUMENT, AUDIO and VIDEO sends: the plan must have the type's attachment
 * feature; a `mediaId` must be the sender's upload of the right kind; a `fileUrl` is fetched and
 * stored now (same limits as an upload); declared `documentType` and `fileName` must agree with the
 * bytes; the known fields are filled in. After commit, processing fills the rest (`message.updated`).
 */
export function mediaRule(media: MediaService): MessageRule {
  return {
    types: MEDIA_MESSAGE_TYPES,
    async check(ctx: SendContext): Promise<void> {
      const messageType = ctx.message.messageType as MediaMessageType;
      const kind = KIND_OF_MESSAGE_TYPE[messageType];
      media.requireFeature(ctx.actor.tenant, FEATURE_OF_KIND[kind]);
      const content = ctx.message.content as MediaContent;
      let row;
      if (content.mediaId !== undefined) {
        row = await media.attachable(ctx.actor, content.mediaId);
      } else if (content.fileUrl !== undefined) {
        // A retried send of a message already stored needs no second download: the writer answers it.
        const existing = await ctx.store.getMessage(ctx.message.tenantId, ctx.message.id);
        if (existing && existing.senderId === ctx.message.senderId) return;
        row = await media.ingestUrl(ctx.actor, content.fileUrl, { fileName: content.fileName, messageType });
      } else {
        return;
      }
      if (row.kind !== kind) {
        throw new ParleyError('E_MEDIA_TYPE_MISMATCH', `Media ${row.id} is ${row.kind === 'image' ? 'an' : 'a'} ${row.kind} (${row.ext}), not what ${messageType} needs`, {
          path: '/messageType',
        });
      }
      const actual = typeNamed(row.ext);
      if (content.documentType !== undefined && content.documentType !== '') {
        const declared = typeNamed(content.documentType);
        if (!declared || !actual || !agrees(declared, actual)) {
          throw new ParleyError('E_MEDIA_TYPE_MISMATCH', `documentType ${content.documentType} disagrees with the file (${row.ext})`, {
            path: '/content/documentType',
          });
        }
      }
      let fileName: string | undefined;
      if (content.fileName !== undefined) {
        const clean = sanitiseFileName(content.fileName);
        const byName = typeNamed(extensionOf(clean));
        if (byName && actual && !agrees(byName, actual)) {
          throw new ParleyError('E_MEDIA_TYPE_MISMATCH', `The file name says ${extensionOf(clean)} but the file is ${row.ext}`, { path: '/content/fileName' });
        }
        fileName = withExtension(clean, row.ext, (e) => {
          const t = typeNamed(e);
          return t !== undefined && actual !== undefined && agrees(t, actual);
        });
      }
      const filled = fillFromMedia(fileName === undefined ? content : { ...content, fileName }, row);
      ctx.message.content = filled;
    },
    afterCommit(ctx: CommitContext): Promise<void> {
      media.followUp(ctx.row);
      return Promise.resolve();
    },
  };
}
