import Type, { type Static } from 'typebox';
import { literalUnion } from './literal-union.js';

/**
 * A tenant's website widget as its admins set it: colours, title, greeting, the pre-chat form's
 * fields and the origins (web sites) allowed to embed it. Admins read and change it under
 * `/v1/admin/widget`; the widget itself reads the public part (everything but the origins) from
 * `/v1/livechat/widget`.
 */

const strict = { additionalProperties: false } as const;

/** Bounds of the settings, so one tenant's widget stays a small row and a small form. */
export const WIDGET_LIMITS = {
  title: 60,
  greeting: 500,
  prechatFields: 10,
  fieldName: 40,
  fieldLabel: 100,
  selectOptions: 20,
  selectOption: 100,
  allowedOrigins: 50,
  origin: 300,
} as const;

export const HexColourSchema = Type.String({ pattern: '^#[0-9A-Fa-f]{6}$', description: 'A colour as #rrggbb' });

export const PrechatFieldTypeSchema = literalUnion(['text', 'email', 'select'] as const);

export const PrechatFieldSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: WIDGET_LIMITS.fieldName,
      pattern: '^[a-z][a-z0-9_]*$',
      description: 'Unique in the form; `name` fills the visitor’s nickname, `email` their email, `subject` the chat’s subject',
    }),
    label: Type.String({ minLength: 1, maxLength: WIDGET_LIMITS.fieldLabel }),
    type: PrechatFieldTypeSchema,
    required: Type.Boolean(),
    options: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: WIDGET_LIMITS.selectOption }), {
        minItems: 1,
        maxItems: WIDGET_LIMITS.selectOptions,
        description: 'The choices of a `select` field (and only of one)',
      }),
    ),
  },
  strict,
);

const appearance = {
  primaryColor: HexColourSchema,
  accentColor: HexColourSchema,
  title: Type.String({ minLength: 1, maxLength: WIDGET_LIMITS.title }),
  greeting: Type.String({ maxLength: WIDGET_LIMITS.greeting }),
  prechatFields: Type.Array(PrechatFieldSchema, { maxItems: WIDGET_LIMITS.prechatFields }),
};

const OriginsSchema = Type.Array(Type.String({ minLength: 1, maxLength: WIDGET_LIMITS.origin }), {
  maxItems: WIDGET_LIMITS.allowedOrigins,
  description: 'Origins (scheme://host[:port]) that may embed the widget; `*` lets any origin in (unsafe, for development only)',
});

/** What the widget shows, as every visitor may read it. */
export const WidgetAppearanceSchema = Type.Object(appearance);

/** The whole settings, as an admin sees them. */
export const WidgetSettingsSchema = Type.Object({ ...appearance, allowedOrigins: OriginsSchema });

/** `PUT /v1/admin/widget`: the whole settings. */
export const WidgetSettingsInputSchema = Type.Object({ ...appearance, allowedOrigins: OriginsSchema }, strict);

/** `PATCH /v1/admin/widget`: the fields to change; the others stay. */
export const WidgetSettingsPatchSchema = Type.Partial(WidgetSettingsInputSchema, strict);

export const WidgetSettingsResponseSchema = Type.Object({
  widget: WidgetSettingsSchema,
  snippet: Type.String({ description: 'The `<script>` tag that puts this tenant’s widget on a page' }),
});

export const WidgetAppearanceResponseSchema = Type.Object({ widget: WidgetAppearanceSchema });

export type PrechatField = Static<typeof PrechatFieldSchema>;
export type WidgetAppearance = Static<typeof WidgetAppearanceSchema>;
export type WidgetSettings = Static<typeof WidgetSettingsSchema>;
export type WidgetSettingsInput = Static<typeof WidgetSettingsInputSchema>;
export type WidgetSettingsPatch = Static<typeof WidgetSettingsPatchSchema>;
