import type { Static } from 'typebox';
import { contentObject, LongTextSchema } from './common.js';

/** TEXT: `{text}`, 1 to 4096 characters. */
export const TextContentSchema = contentObject({ text: LongTextSchema });
export type TextContent = Static<typeof TextContentSchema>;
