/**
 * Every feature a tenant's plan can hold (seed 004: a call outside the plan answers 403
 * `E_FEATURE_UNAVAILABLE`). One list for the REST API, the command line, the config file and the
 * domain checks, so a name that one accepts the others accept too.
 */
export const FEATURES = [
  'imageAttachment',
  'audioAttachment',
  'videoAttachment',
  'documentAttachment',
  'getMediaMessages',
  'favouriteMessage',
  'clearChat',
  'deleteChat',
  'deleteMessage',
  'groupChat',
  'livechat',
] as const;

export type Feature = (typeof FEATURES)[number];

const KNOWN: ReadonlySet<string> = new Set(FEATURES);

/**
 * Whether `name` is a feature Parley knows.
 *
 * @example
 * isFeature('groupChat'); // true
 */
export function isFeature(name: string): name is Feature {
  return KNOWN.has(name);
}
