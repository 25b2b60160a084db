import Type, { type Static } from 'typebox';
import { IdSchema } from '../schemas.js';
import { CONTENT_LIMITS, contentObject, LabelSchema, literalUnion, LongTextSchema, NameSchema } from './common.js';

/** A menu option id: seed 001 uses numbers (0, 1, 2); strings are accepted too. */
export const MenuOptionIdSchema = Type.Union([
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.name }),
]);

export const MENU_COMMANDS = ['load-item', 'open-url'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** How an `open-url` option opens its page, e.g. `{name: 'method', text: 'GET'}`, `{name: 'where', text: '_blank'}`. */
export const MenuParamSchema = contentObject({ name: NameSchema, text: LabelSchema });

export const MenuOptionSchema = contentObject({
  id: MenuOptionIdSchema,
  /** `load-item` sends `targetUrl` to the bot as the next query; `open-url` opens `targetUrl` (http(s), see checkMenu). */
  command: literalUnion(MENU_COMMANDS),
  text: LabelSchema,
  targetUrl: Type.Optional(Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.url })),
  params: Type.Optional(Type.Array(MenuParamSchema, { maxItems: CONTENT_LIMITS.menuParams })),
});

/** MENU (bot): a title and 1 to 50 options with unique ids. */
export const MenuContentSchema = contentObject({
  text: LongTextSchema,
  options: Type.Array(MenuOptionSchema, { minItems: 1, maxItems: CONTENT_LIMITS.menuOptions }),
});

/** MENU_RESPONSE: the MENU message answered and the option chosen. */
export const MenuResponseContentSchema = contentObject({
  menuId: IdSchema,
  option: contentObject({
    id: MenuOptionIdSchema,
    targetUrl: Type.Optional(Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.url })),
  }),
});

export type MenuOptionId = Static<typeof MenuOptionIdSchema>;
export type MenuParam = Static<typeof MenuParamSchema>;
export type MenuOption = Static<typeof MenuOptionSchema>;
export type MenuContent = Static<typeof MenuContentSchema>;
export type MenuResponseContent = Static<typeof MenuResponseContentSchema>;
