import type { MessageType } from '../message-types.js';
import type { ContentByType } from './content-schemas.js';
import { checkForm } from './form-rules.js';
import type { MediaContent } from './media.js';
import { checkMenu } from './menu-rules.js';
import { ruleError } from './rule-error.js';

/** A media message names its file: a stored blob (`mediaId`), a `fileUrl`, or at least a `fileName`. */
export function checkMediaContent(content: MediaContent): void {
  if (content.mediaId === undefined && content.fileUrl === undefined && content.fileName === undefined) {
    throw ruleError([{ path: '/content/fileName', message: 'a media message needs mediaId, fileUrl or fileName' }]);
  }
}

type ContentRules = { [T in MessageType]?: (content: ContentByType[T]) => void };

/** Rules a schema cannot say, run by `validateContent` after the schema passed. */
export const CONTENT_RULES: ContentRules = {
  IMAGE: checkMediaContent,
  DOCUMENT: checkMediaContent,
  AUDIO: checkMediaContent,
  VIDEO: checkMediaContent,
  MENU: checkMenu,
  FORM: checkForm,
};
