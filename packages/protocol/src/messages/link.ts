import type { Static } from 'typebox';
import { contentObject, HttpUrlSchema } from './common.js';

/** LINK: `{url}`, an absolute http(s) URL. */
export const LinkContentSchema = contentObject({ url: HttpUrlSchema });
export type LinkContent = Static<typeof LinkContentSchema>;
