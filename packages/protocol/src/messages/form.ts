import Type, { type Static } from 'typebox';
import { CONTENT_LIMITS, contentObject, LabelSchema, literalUnion, NameSchema } from './common.js';

/**
 * Field types of the data collection object: `text` (seed 001) plus the values the data collection
 * reference lists. `select` and `radio` take their value among `options`; `info` only shows its label.
 */
export const FORM_FIELD_TYPES = [
  'text',
  'nickname',
  'name',
  'surname',
  'email',
  'phone',
  'date',
  'textarea',
  'checkbox',
  'radio',
  'select',
  'info',
  'time_slot_cbl',
  'cb_first_slot',
  'rating_star',
  'rating_smile',
  'rating_score',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** Field types whose value must be one of the option keys. */
export const CHOICE_FIELD_TYPES: readonly FormFieldType[] = ['select', 'radio'];

/** `manual`: the customer fills the field; `auto`: the value is computed (the FORM's value is an expression). */
export const FORM_FIELD_MODES = ['manual', 'auto'] as const;
export type FormFieldMode = (typeof FORM_FIELD_MODES)[number];

const FieldTypeSchema = literalUnion(FORM_FIELD_TYPES);
const FieldModeSchema = literalUnion(FORM_FIELD_MODES);
const ValueSchema = Type.String({ maxLength: CONTENT_LIMITS.text });
const MessageSchema = Type.String({ maxLength: CONTENT_LIMITS.label });

/** Choices of a select / radio / checkbox: option value → label shown. */
export const FormOptionsSchema = Type.Record(Type.String(), LabelSchema, {
  propertyNames: { minLength: 1, maxLength: CONTENT_LIMITS.label },
  maxProperties: CONTENT_LIMITS.formOptions,
});

/** The optional fields of a data collection object, shared by FORM and FORM_RESPONSE. */
const fieldOptions = {
  options: Type.Optional(FormOptionsSchema),
  isMandatory: Type.Optional(Type.Boolean()),
  /** Tested against the value (unanchored, as written); checked by `checkForm` when the FORM is sent. */
  custom_regexp: Type.Optional(Type.String({ maxLength: CONTENT_LIMITS.regexp })),
  customMandatoryErrorMessage: Type.Optional(MessageSchema),
  customValidationErrorMessage: Type.Optional(MessageSchema),
  mode: Type.Optional(FieldModeSchema),
  /** `false`: the customer may not change the value the FORM carries. Default true. */
  isEditable: Type.Optional(Type.Boolean()),
  isVisibleCustomer: Type.Optional(Type.Boolean()),
  isVisibleAgent: Type.Optional(Type.Boolean()),
};

/** A FORM field: the data collection object of seed 001. `value` is the initial value (default ""). */
export const FormFieldSchema = contentObject({
  name: NameSchema,
  label: LabelSchema,
  dc_type: FieldTypeSchema,
  value: Type.Optional(ValueSchema),
  ...fieldOptions,
});

/**
 * A FORM_RESPONSE field: `name` and the filled `value`; the other fields may be echoed but the FORM's
 * own definitions are what `checkFormResponse` applies and keeps.
 */
export const FormResponseFieldSchema = contentObject({
  name: NameSchema,
  value: ValueSchema,
  label: Type.Optional(LabelSchema),
  dc_type: Type.Optional(FieldTypeSchema),
  ...fieldOptions,
});

/** FORM (bot): a title, the query sent back to the bot on submit, and 1 to 50 fields with unique names. */
export const FormContentSchema = contentObject({
  title: LabelSchema,
  response_to_bot: Type.String({ maxLength: CONTENT_LIMITS.text }),
  formData: Type.Array(FormFieldSchema, { minItems: 1, maxItems: CONTENT_LIMITS.formFields }),
});

/** FORM_RESPONSE: the FORM's shape with the values filled (title and response_to_bot may be omitted). */
export const FormResponseContentSchema = contentObject({
  title: Type.Optional(LabelSchema),
  response_to_bot: Type.Optional(Type.String({ maxLength: CONTENT_LIMITS.text })),
  formData: Type.Array(FormResponseFieldSchema, { minItems: 1, maxItems: CONTENT_LIMITS.formFields }),
});

export type FormOptions = Static<typeof FormOptionsSchema>;
export type FormField = Static<typeof FormFieldSchema>;
export type FormResponseField = Static<typeof FormResponseFieldSchema>;
export type FormContent = Static<typeof FormContentSchema>;
export type FormResponseContent = Static<typeof FormResponseContentSchema>;
