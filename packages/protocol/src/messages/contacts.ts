import Type, { type Static } from 'typebox';
import { CONTENT_LIMITS, contentObject, LabelSchema } from './common.js';

const PhoneTextSchema = Type.String({ minLength: 1, maxLength: CONTENT_LIMITS.phone, pattern: '^[^\\x00-\\x1f\\x7f]+$' });

export const ContactPhoneSchema = contentObject({
  phone: PhoneTextSchema,
  /** WhatsApp id (digits of the number). */
  wa_id: Type.Optional(PhoneTextSchema),
  /** Free label, e.g. "Cellulare", "Casa". */
  type: Type.Optional(Type.String({ maxLength: CONTENT_LIMITS.phone })),
});

export const ContactSchema = contentObject({
  name: contentObject({ first_name: Type.Optional(LabelSchema), formatted_name: LabelSchema }),
  phones: Type.Array(ContactPhoneSchema, { maxItems: CONTENT_LIMITS.phones }),
});

/** CONTACTS: 1 to 20 contact cards, each a name and up to 10 phones. */
export const ContactsContentSchema = contentObject({
  contacts: Type.Array(ContactSchema, { minItems: 1, maxItems: CONTENT_LIMITS.contacts }),
});

export type ContactPhone = Static<typeof ContactPhoneSchema>;
export type Contact = Static<typeof ContactSchema>;
export type ContactsContent = Static<typeof ContactsContentSchema>;
