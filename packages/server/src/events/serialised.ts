/**
 * JSON text of an object, made once: a sent message is both the event every member gets and the data
 * of the sender's ack, so the dispatcher and the gateway ask here and the second asker gets the same
 * string. Held weakly, so it lives exactly as long as the object.
 */
const texts = new WeakMap<object, string>();

export function serialised(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}
