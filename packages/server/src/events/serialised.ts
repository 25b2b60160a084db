/**
 * JSON text of a published event's data, made once: a sent message is both the event every member gets
 * and the data of the sender's ack. The dispatcher records the text of what it publishes; the gateway
 * reuses it for an ack whose data is that same object, and serialises anything else itself. Held
 * weakly, so it lives exactly as long as the object.
 */
const texts = new WeakMap<object, string>();

/** Serialises published data and remembers the text (the dispatcher). */
export function serialisePublished(value: object): string {
  const text = JSON.stringify(value);
  texts.set(value, text);
  return text;
}

/** The text already made for this object when it was published, else made now and not kept. */
export function jsonText(value: unknown): string {
  const known = typeof value === 'object' && value !== null ? texts.get(value) : undefined;
  return known ?? JSON.stringify(value) ?? 'null';
}
