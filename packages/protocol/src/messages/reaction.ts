import Type, { type Static } from 'typebox';
import { CONTENT_LIMITS, contentObject } from './common.js';

/**
 * One emoji sequence (pictographs, skin tones, ZWJ, keycaps, flags) with at least one pictograph,
 * regional indicator or keycap, or "" to remove the sender's reaction.
 */
export const EMOJI_PATTERN =
  '^(?:|(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20e3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+)$';

/** REACTION: `{emoji}` on the message named by the message's `replyTo`; "" removes the reaction. */
export const ReactionContentSchema = contentObject({
  emoji: Type.String({ maxLength: CONTENT_LIMITS.emoji, pattern: EMOJI_PATTERN }),
});

export type ReactionContent = Static<typeof ReactionContentSchema>;
