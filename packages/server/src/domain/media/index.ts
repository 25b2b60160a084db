export { MediaService, DEFAULT_MEDIA_OPTIONS } from './media-service.js';
export type { DeclaredFile, MediaFile, MediaFormat, MediaLog, MediaOptions } from './media-service.js';
export { mediaRule } from './message-rule.js';
export { ACCEPTED_TYPES, acceptedType, typeNamed } from './accepted-types.js';
export type { AcceptedType } from './accepted-types.js';
export { sanitiseFileName } from './file-name.js';
export type { MediaMessage } from './media-access.js';
