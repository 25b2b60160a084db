import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CALL_EVENT_TYPES,
  CONTENT_SCHEMAS,
  MESSAGE_TYPES,
  validateContent,
  type MessageType,
} from '../src/index.js';
import { SEED_001_EXAMPLES, SEED_USER, seedContent } from './fixtures/seed-001.js';
import { detailPaths, expectValidation } from './helpers.js';

/** The seed example of a type with some fields replaced (`undefined` deletes the field). */
function seedWith(messageType: MessageType, patch: Record<string, unknown>): Record<string, unknown> {
  const content = seedContent(messageType);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete content[key];
    else content[key] = value;
  }
  return content;
}

const long = (n: number, c = 'a'): string => c.repeat(n);
const menuOption = (id: number) => ({ id, command: 'load-item', text: `option ${id}`, targetUrl: `q${id}` });
const seedMenuOptions = (): Record<string, unknown>[] => seedContent('MENU').options as Record<string, unknown>[];
const seedFormFields = (): Record<string, unknown>[] => seedContent('FORM').formData as Record<string, unknown>[];
function formWithField(index: number, patch: Record<string, unknown>): Record<string, unknown> {
  const formData = seedFormFields();
  formData[index] = { ...formData[index], ...patch };
  return seedWith('FORM', { formData });
}
function menuWithOption(index: number, patch: Record<string, unknown>): Record<string, unknown> {
  const options = seedMenuOptions();
  options[index] = { ...options[index], ...patch };
  return seedWith('MENU', { options });
}
const contact = { name: { formatted_name: 'A' }, phones: [{ phone: '+39 1' }] };

void describe('seed 001 examples', () => {
  for (const example of SEED_001_EXAMPLES) {
    void it(`${example.messageType} ${example.id} validates`, () => {
      const content = validateContent(example.messageType, structuredClone(example.content));
      assert.deepEqual(content, example.content);
    });
  }

  void it('covers every message type with a schema', () => {
    assert.deepEqual(Object.keys(CONTENT_SCHEMAS).sort(), [...MESSAGE_TYPES].sort());
  });

  const withoutExample: [MessageType, Record<string, unknown>][] = [
    ['videoRequestedByAgent', { audio: true, video: false }],
    ['videoRejected', { audio: false, video: false }],
    ['screenSharingEnded', { audio: true, video: true }],
    ['leave', {}],
  ];
  for (const [messageType, content] of withoutExample) {
    void it(`${messageType} (no seed example) validates`, () => {
      assert.deepEqual(validateContent(messageType, content), content);
    });
  }

  const goodExtras: [string, MessageType, Record<string, unknown>][] = [
    ['an empty emoji removes a reaction', 'REACTION', { emoji: '' }],
    ['a ZWJ family emoji', 'REACTION', { emoji: '👨‍👩‍👧‍👦' }],
    ['a flag', 'REACTION', { emoji: '🇮🇹' }],
    ['a keycap', 'REACTION', { emoji: '1️⃣' }],
    ['an HTTP url in capitals', 'LINK', { url: 'HTTPS://EXAMPLE.COM/a?b=c#d' }],
    [
      'media reference fields',
      'IMAGE',
      {
        mediaId: 'm_1',
        fileSize: 1024,
        width: 640,
        height: 480,
        thumbnail: 'data:image/jpeg;base64,AAAA',
        fileUrl: 'https://cdn.example.com/a.jpg',
        documentType: 'image/jpeg',
      },
    ],
    ['audio duration', 'AUDIO', { mediaId: 'm_2', duration: 12.5 }],
    ['string menu option ids', 'MENU', { text: 'Pick', options: [{ id: 'a', command: 'load-item', text: 'A' }] }],
    ['4096-character text', 'TEXT', { text: long(4096) }],
    ['a contact without first name or phones', 'CONTACTS', { contacts: [{ name: { formatted_name: 'X' }, phones: [] }] }],
    ['location at the bounds', 'LOCATION', { latitude: -90, longitude: 180 }],
    ['3 quick replies without header or footer', 'QUICK_REPLY', { text: 't', quickReplies: ['a', 'b', 'c'] }],
    ['a FORM_RESPONSE with only names and values', 'FORM_RESPONSE', { formData: [{ name: 'company', value: 'X' }] }],
  ];
  for (const [name, messageType, content] of goodExtras) {
    void it(`accepts ${name}`, () => {
      assert.deepEqual(validateContent(messageType, content), content);
    });
  }
});

interface BadCase {
  name: string;
  type: string;
  content: unknown;
  path: string;
}

const BAD: BadCase[] = [
  // any type
  { name: 'unknown message type', type: 'STICKER', content: { text: 'x' }, path: '/messageType' },
  { name: 'lower-case type', type: 'text', content: { text: 'x' }, path: '/messageType' },
  { name: 'content not an object', type: 'TEXT', content: 'hello', path: '/content' },
  { name: 'content null', type: 'TEXT', content: null, path: '/content' },
  { name: 'content an array', type: 'endChat', content: [], path: '/content' },
  // TEXT
  { name: 'text missing', type: 'TEXT', content: {}, path: '/content/text' },
  { name: 'text a number', type: 'TEXT', content: { text: 42 }, path: '/content/text' },
  { name: 'text empty', type: 'TEXT', content: { text: '' }, path: '/content/text' },
  { name: 'text oversize', type: 'TEXT', content: { text: long(4097) }, path: '/content/text' },
  { name: 'unknown field', type: 'TEXT', content: { text: 'x', bold: true }, path: '/content/bold' },
  { name: 'ts in content', type: 'TEXT', content: { text: 'x', ts: 1 }, path: '/content/ts' },
  { name: 'deliverySuccess in content', type: 'TEXT', content: { text: 'x', deliverySuccess: true }, path: '/content/deliverySuccess' },
  { name: 'messageSeen in content', type: 'TEXT', content: { text: 'x', messageSeen: 1 }, path: '/content/messageSeen' },
  // media
  { name: 'caption a number', type: 'IMAGE', content: seedWith('IMAGE', { caption: 1 }), path: '/content/caption' },
  { name: 'caption oversize', type: 'IMAGE', content: seedWith('IMAGE', { caption: long(4097) }), path: '/content/caption' },
  { name: 'fileName with a path', type: 'DOCUMENT', content: seedWith('DOCUMENT', { fileName: '../../etc/passwd' }), path: '/content/fileName' },
  { name: 'fileName with a newline', type: 'DOCUMENT', content: seedWith('DOCUMENT', { fileName: 'a\nb.pdf' }), path: '/content/fileName' },
  { name: 'fileName oversize', type: 'DOCUMENT', content: seedWith('DOCUMENT', { fileName: `${long(252)}.pdf` }), path: '/content/fileName' },
  { name: 'documentType with spaces', type: 'DOCUMENT', content: seedWith('DOCUMENT', { documentType: 'x ls' }), path: '/content/documentType' },
  { name: 'media naming no file', type: 'IMAGE', content: { caption: 'x' }, path: '/content/fileName' },
  { name: 'fileSize negative', type: 'IMAGE', content: seedWith('IMAGE', { fileSize: -1 }), path: '/content/fileSize' },
  { name: 'fileSize a string', type: 'IMAGE', content: seedWith('IMAGE', { fileSize: '10' }), path: '/content/fileSize' },
  { name: 'fileSize fractional', type: 'IMAGE', content: seedWith('IMAGE', { fileSize: 1.5 }), path: '/content/fileSize' },
  { name: 'duration negative', type: 'VIDEO', content: seedWith('VIDEO', { duration: -1 }), path: '/content/duration' },
  { name: 'width zero', type: 'IMAGE', content: seedWith('IMAGE', { width: 0 }), path: '/content/width' },
  { name: 'thumbnail javascript:', type: 'VIDEO', content: seedWith('VIDEO', { thumbnail: 'javascript:alert(1)' }), path: '/content/thumbnail' },
  { name: 'thumbnail svg data', type: 'IMAGE', content: seedWith('IMAGE', { thumbnail: 'data:image/svg+xml;base64,AAAA' }), path: '/content/thumbnail' },
  { name: 'fileUrl ftp:', type: 'AUDIO', content: seedWith('AUDIO', { fileUrl: 'ftp://example.com/a.mp3' }), path: '/content/fileUrl' },
  { name: 'mediaId with spaces', type: 'AUDIO', content: seedWith('AUDIO', { mediaId: 'a b' }), path: '/content/mediaId' },
  // LINK
  { name: 'url missing', type: 'LINK', content: {}, path: '/content/url' },
  { name: 'javascript: url', type: 'LINK', content: { url: 'javascript:alert(1)' }, path: '/content/url' },
  { name: 'ftp: url', type: 'LINK', content: { url: 'ftp://example.com/file' }, path: '/content/url' },
  { name: 'data: url', type: 'LINK', content: { url: 'data:text/html,<script>alert(1)</script>' }, path: '/content/url' },
  { name: 'url without scheme', type: 'LINK', content: { url: 'www.google.it' }, path: '/content/url' },
  { name: 'url without host', type: 'LINK', content: { url: 'https:///path' }, path: '/content/url' },
  { name: 'url with a space', type: 'LINK', content: { url: 'https://a.com/b c' }, path: '/content/url' },
  { name: 'url oversize', type: 'LINK', content: { url: `https://a.com/${long(2040)}` }, path: '/content/url' },
  // MENU
  { name: 'menu text missing', type: 'MENU', content: seedWith('MENU', { text: undefined }), path: '/content/text' },
  { name: 'menu without options', type: 'MENU', content: seedWith('MENU', { options: [] }), path: '/content/options' },
  {
    name: '51 menu options',
    type: 'MENU',
    content: seedWith('MENU', { options: Array.from({ length: 51 }, (_, i) => menuOption(i)) }),
    path: '/content/options',
  },
  { name: 'unknown command', type: 'MENU', content: menuWithOption(0, { command: 'run-script' }), path: '/content/options/0/command' },
  { name: 'option id a boolean', type: 'MENU', content: menuWithOption(0, { id: true }), path: '/content/options/0/id' },
  { name: 'option id negative', type: 'MENU', content: menuWithOption(0, { id: -1 }), path: '/content/options/0/id' },
  { name: 'option text missing', type: 'MENU', content: menuWithOption(2, { text: undefined }), path: '/content/options/2/text' },
  { name: 'option text oversize', type: 'MENU', content: menuWithOption(0, { text: long(201) }), path: '/content/options/0/text' },
  { name: 'option unknown field', type: 'MENU', content: menuWithOption(0, { style: 'red' }), path: '/content/options/0/style' },
  { name: 'duplicate option id', type: 'MENU', content: menuWithOption(1, { id: 0 }), path: '/content/options/1/id' },
  { name: 'duplicate option id across types', type: 'MENU', content: menuWithOption(1, { id: '0' }), path: '/content/options/1/id' },
  {
    name: 'open-url to javascript:',
    type: 'MENU',
    content: menuWithOption(1, { targetUrl: 'javascript:alert(document.cookie)' }),
    path: '/content/options/1/targetUrl',
  },
  { name: 'open-url without targetUrl', type: 'MENU', content: menuWithOption(2, { targetUrl: undefined }), path: '/content/options/2/targetUrl' },
  {
    name: 'param unknown field',
    type: 'MENU',
    content: menuWithOption(1, { params: [{ name: 'method', text: 'GET', extra: 1 }] }),
    path: '/content/options/1/params/0/extra',
  },
  {
    name: '11 params',
    type: 'MENU',
    content: menuWithOption(1, { params: Array.from({ length: 11 }, () => ({ name: 'n', text: 't' })) }),
    path: '/content/options/1/params',
  },
  // MENU_RESPONSE
  { name: 'menuId missing', type: 'MENU_RESPONSE', content: seedWith('MENU_RESPONSE', { menuId: undefined }), path: '/content/menuId' },
  { name: 'menuId with spaces', type: 'MENU_RESPONSE', content: seedWith('MENU_RESPONSE', { menuId: 'a b' }), path: '/content/menuId' },
  { name: 'option missing', type: 'MENU_RESPONSE', content: seedWith('MENU_RESPONSE', { option: undefined }), path: '/content/option' },
  { name: 'option id missing', type: 'MENU_RESPONSE', content: seedWith('MENU_RESPONSE', { option: {} }), path: '/content/option/id' },
  {
    name: 'response option unknown field',
    type: 'MENU_RESPONSE',
    content: seedWith('MENU_RESPONSE', { option: { id: 0, text: 'x' } }),
    path: '/content/option/text',
  },
  // QUICK_REPLY
  { name: '4 quick replies', type: 'QUICK_REPLY', content: seedWith('QUICK_REPLY', { quickReplies: ['a', 'b', 'c', 'd'] }), path: '/content/quickReplies' },
  { name: 'no quick replies', type: 'QUICK_REPLY', content: seedWith('QUICK_REPLY', { quickReplies: [] }), path: '/content/quickReplies' },
  { name: 'quick reply a number', type: 'QUICK_REPLY', content: seedWith('QUICK_REPLY', { quickReplies: ['a', 2] }), path: '/content/quickReplies/1' },
  { name: 'quick reply empty', type: 'QUICK_REPLY', content: seedWith('QUICK_REPLY', { quickReplies: [''] }), path: '/content/quickReplies/0' },
  { name: 'header oversize', type: 'QUICK_REPLY', content: seedWith('QUICK_REPLY', { header: long(201) }), path: '/content/header' },
  { name: 'footer a number', type: 'QUICK_REPLY', content: seedWith('QUICK_REPLY', { footer: 1 }), path: '/content/footer' },
  // QUICK_REPLY_RESPONSE
  { name: 'reply empty', type: 'QUICK_REPLY_RESPONSE', content: seedWith('QUICK_REPLY_RESPONSE', { reply: '' }), path: '/content/reply' },
  {
    name: 'quickReplyId missing',
    type: 'QUICK_REPLY_RESPONSE',
    content: seedWith('QUICK_REPLY_RESPONSE', { quickReplyId: undefined }),
    path: '/content/quickReplyId',
  },
  // FORM
  { name: 'form title missing', type: 'FORM', content: seedWith('FORM', { title: undefined }), path: '/content/title' },
  { name: 'form without fields', type: 'FORM', content: seedWith('FORM', { formData: [] }), path: '/content/formData' },
  {
    name: '51 form fields',
    type: 'FORM',
    content: seedWith('FORM', { formData: Array.from({ length: 51 }, (_, i) => ({ name: `f${i}`, label: 'L', dc_type: 'text' })) }),
    path: '/content/formData',
  },
  { name: 'unknown dc_type', type: 'FORM', content: formWithField(0, { dc_type: 'password' }), path: '/content/formData/0/dc_type' },
  { name: 'isMandatory a string', type: 'FORM', content: formWithField(0, { isMandatory: 'yes' }), path: '/content/formData/0/isMandatory' },
  { name: 'unknown mode', type: 'FORM', content: formWithField(1, { mode: 'magic' }), path: '/content/formData/1/mode' },
  { name: 'field name missing', type: 'FORM', content: formWithField(0, { name: undefined }), path: '/content/formData/0/name' },
  { name: 'field unknown field', type: 'FORM', content: formWithField(0, { placeholder: 'x' }), path: '/content/formData/0/placeholder' },
  { name: 'user inside a field', type: 'FORM', content: formWithField(0, { user: SEED_USER }), path: '/content/formData/0/user' },
  {
    name: 'option label a number',
    type: 'FORM',
    content: formWithField(3, { options: { mattina: 1 } }),
    path: '/content/formData/3/options/mattina',
  },
  {
    name: '51 select options',
    type: 'FORM',
    content: formWithField(3, { options: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`o${i}`, 'O'])) }),
    path: '/content/formData/3/options',
  },
  { name: 'value oversize', type: 'FORM', content: formWithField(0, { value: long(4097) }), path: '/content/formData/0/value' },
  { name: 'custom message oversize', type: 'FORM', content: formWithField(0, { customMandatoryErrorMessage: long(201) }), path: '/content/formData/0/customMandatoryErrorMessage' },
  { name: 'regexp that does not compile', type: 'FORM', content: formWithField(2, { custom_regexp: '([a-z' }), path: '/content/formData/2/custom_regexp' },
  { name: 'regexp that RE2 cannot run (a backreference)', type: 'FORM', content: formWithField(2, { custom_regexp: '^(a+)\\1$' }), path: '/content/formData/2/custom_regexp' },
  { name: 'regexp with a backreference', type: 'FORM', content: formWithField(2, { custom_regexp: '(a)\\1' }), path: '/content/formData/2/custom_regexp' },
  { name: 'regexp oversize', type: 'FORM', content: formWithField(2, { custom_regexp: long(257) }), path: '/content/formData/2/custom_regexp' },
  { name: 'duplicate field names', type: 'FORM', content: formWithField(1, { name: 'company' }), path: '/content/formData/1/name' },
  { name: 'select without options', type: 'FORM', content: formWithField(3, { options: undefined }), path: '/content/formData/3/options' },
  { name: 'select with empty options', type: 'FORM', content: formWithField(3, { options: {} }), path: '/content/formData/3/options' },
  { name: 'select initial value not an option', type: 'FORM', content: formWithField(3, { value: 'sera' }), path: '/content/formData/3/value' },
  // FORM_RESPONSE
  { name: 'response field value missing', type: 'FORM_RESPONSE', content: { formData: [{ name: 'company' }] }, path: '/content/formData/0/value' },
  { name: 'response value a number', type: 'FORM_RESPONSE', content: { formData: [{ name: 'company', value: 1 }] }, path: '/content/formData/0/value' },
  { name: 'response without fields', type: 'FORM_RESPONSE', content: { formData: [] }, path: '/content/formData' },
  // REACTION
  { name: 'emoji missing', type: 'REACTION', content: {}, path: '/content/emoji' },
  { name: 'emoji a word', type: 'REACTION', content: { emoji: 'hello' }, path: '/content/emoji' },
  { name: 'emoji digits only', type: 'REACTION', content: { emoji: '123' }, path: '/content/emoji' },
  { name: 'emoji with text', type: 'REACTION', content: { emoji: '👍 nice' }, path: '/content/emoji' },
  { name: 'emoji oversize', type: 'REACTION', content: { emoji: long(65, '👍') }, path: '/content/emoji' },
  { name: 'emoji a number', type: 'REACTION', content: { emoji: 1 }, path: '/content/emoji' },
  // CONTACTS
  { name: 'no contacts', type: 'CONTACTS', content: { contacts: [] }, path: '/content/contacts' },
  { name: '21 contacts', type: 'CONTACTS', content: { contacts: Array.from({ length: 21 }, () => contact) }, path: '/content/contacts' },
  {
    name: '11 phones',
    type: 'CONTACTS',
    content: { contacts: [{ ...contact, phones: Array.from({ length: 11 }, () => ({ phone: '1' })) }] },
    path: '/content/contacts/0/phones',
  },
  {
    name: 'formatted_name missing',
    type: 'CONTACTS',
    content: { contacts: [{ ...contact, name: { first_name: 'A' } }] },
    path: '/content/contacts/0/name/formatted_name',
  },
  {
    name: 'phone a number',
    type: 'CONTACTS',
    content: { contacts: [{ ...contact, phones: [{ phone: 393 }] }] },
    path: '/content/contacts/0/phones/0/phone',
  },
  {
    name: 'phone unknown field',
    type: 'CONTACTS',
    content: { contacts: [contact, { ...contact, phones: [{ phone: '1', email: 'x' }] }] },
    path: '/content/contacts/1/phones/0/email',
  },
  { name: 'phones missing', type: 'CONTACTS', content: { contacts: [{ name: contact.name }] }, path: '/content/contacts/0/phones' },
  // LOCATION
  { name: 'latitude 91', type: 'LOCATION', content: seedWith('LOCATION', { latitude: 91 }), path: '/content/latitude' },
  { name: 'latitude -90.5', type: 'LOCATION', content: seedWith('LOCATION', { latitude: -90.5 }), path: '/content/latitude' },
  { name: 'longitude -181', type: 'LOCATION', content: seedWith('LOCATION', { longitude: -181 }), path: '/content/longitude' },
  { name: 'longitude 180.1', type: 'LOCATION', content: seedWith('LOCATION', { longitude: 180.1 }), path: '/content/longitude' },
  { name: 'latitude a string', type: 'LOCATION', content: seedWith('LOCATION', { latitude: '45.6' }), path: '/content/latitude' },
  { name: 'latitude missing', type: 'LOCATION', content: seedWith('LOCATION', { latitude: undefined }), path: '/content/latitude' },
  { name: 'location url javascript:', type: 'LOCATION', content: seedWith('LOCATION', { url: 'javascript:alert(1)' }), path: '/content/url' },
  { name: 'address oversize', type: 'LOCATION', content: seedWith('LOCATION', { address: long(1001) }), path: '/content/address' },
  // chat events
  { name: 'endChat with a field', type: 'endChat', content: { reason: 'bye' }, path: '/content/reason' },
  { name: 'leave with a field', type: 'leave', content: { chatId: 'x' }, path: '/content/chatId' },
  // call events: every type, both flags
  ...CALL_EVENT_TYPES.flatMap((type): BadCase[] => [
    { name: `${type} audio a string`, type, content: { audio: 'yes', video: true }, path: '/content/audio' },
    { name: `${type} video missing`, type, content: { audio: true }, path: '/content/video' },
  ]),
  // `user` is the server's: rejected in every seed example
  ...SEED_001_EXAMPLES.map((e): BadCase => ({
    name: `user in ${e.messageType} ${e.id}`,
    type: e.messageType,
    content: { ...structuredClone(e.content), user: SEED_USER },
    path: '/content/user',
  })),
];

void describe('bad content', () => {
  for (const c of BAD) {
    void it(`rejects ${c.type}: ${c.name} at ${c.path}`, () => {
      expectValidation(() => validateContent(c.type, c.content), c.path);
    });
  }

  void it('lists every schema failure in details', () => {
    const err = expectValidation(
      () => validateContent('LOCATION', { latitude: 91, longitude: -181, url: 'ftp://x', user: SEED_USER }),
      '/content/user',
    );
    assert.deepEqual(detailPaths(err).sort(), ['/content/latitude', '/content/longitude', '/content/url', '/content/user']);
  });

  void it('names every unknown field', () => {
    const err = expectValidation(() => validateContent('TEXT', { text: 'x', user: SEED_USER, ts: 1 }), '/content/user');
    assert.deepEqual(detailPaths(err), ['/content/user', '/content/ts']);
  });

  void it('lists every rule failure of a MENU', () => {
    const content = seedWith('MENU', { options: [menuOption(1), { ...menuOption(1), command: 'open-url', targetUrl: 'ftp://x' }] });
    const err = expectValidation(() => validateContent('MENU', content), '/content/options/1/id');
    assert.deepEqual(detailPaths(err), ['/content/options/1/id', '/content/options/1/targetUrl']);
  });

  void it('returns the content it was given, typed', () => {
    const input = { latitude: 1, longitude: 2 };
    const content = validateContent('LOCATION', input);
    assert.equal(content, input);
    assert.equal(content.latitude + content.longitude, 3);
  });
});
