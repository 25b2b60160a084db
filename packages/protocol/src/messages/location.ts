import Type, { type Static } from 'typebox';
import { CONTENT_LIMITS, contentObject, HttpUrlSchema, LabelSchema } from './common.js';

/** LOCATION: coordinates in degrees, an optional name, public http(s) url and address. */
export const LocationContentSchema = contentObject({
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  name: Type.Optional(LabelSchema),
  url: Type.Optional(HttpUrlSchema),
  address: Type.Optional(Type.String({ maxLength: CONTENT_LIMITS.address })),
});

export type LocationContent = Static<typeof LocationContentSchema>;
