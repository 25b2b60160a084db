import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canReactTo,
  checkMenuResponse,
  checkQuickReplyResponse,
  isCallEventType,
  isChatEventType,
  isMediaType,
  isSystemMessageType,
  MESSAGE_TYPES,
  needsReference,
  referenceOf,
  REFERENCE_TARGET_TYPES,
  validateContent,
  type MenuResponseContent,
} from '../src/index.js';
import { seedContent } from './fixtures/seed-001.js';
import { expectValidation } from './helpers.js';

const menu = () => validateContent('MENU', seedContent('MENU'));
const menuResponse = (option: MenuResponseContent['option']): MenuResponseContent => ({
  menuId: 'd77210fa-4aa2-4876-8fcc-8eaf43122987',
  option,
});

void describe('checkMenuResponse', () => {
  void it('accepts the seed response and returns the option', () => {
    const option = checkMenuResponse(menu(), validateContent('MENU_RESPONSE', seedContent('MENU_RESPONSE')));
    assert.equal(option.text, 'prenotazione volo');
  });

  void it('accepts an option by id alone, and a string id for a numeric one', () => {
    assert.equal(checkMenuResponse(menu(), menuResponse({ id: 1 })).text, 'google');
    assert.equal(checkMenuResponse(menu(), menuResponse({ id: '2' })).text, 'enghouse');
  });

  void it('rejects an option the menu does not have', () => {
    expectValidation(() => checkMenuResponse(menu(), menuResponse({ id: 7 })), '/content/option/id');
  });

  void it('rejects a targetUrl that is not the option’s', () => {
    expectValidation(
      () => checkMenuResponse(menu(), menuResponse({ id: 0, targetUrl: 'https://evil.example' })),
      '/content/option/targetUrl',
    );
  });
});

void describe('checkQuickReplyResponse', () => {
  const qr = () => validateContent('QUICK_REPLY', seedContent('QUICK_REPLY'));

  void it('accepts the seed response', () => {
    const response = validateContent('QUICK_REPLY_RESPONSE', seedContent('QUICK_REPLY_RESPONSE'));
    assert.equal(checkQuickReplyResponse(qr(), response), 'Yes');
  });

  for (const reply of ['Maybe', 'yes', 'Yes ']) {
    void it(`rejects ${JSON.stringify(reply)}`, () => {
      expectValidation(() => checkQuickReplyResponse(qr(), { quickReplyId: 'q', reply }), '/content/reply');
    });
  }
});

void describe('referenceOf', () => {
  void it('MENU_RESPONSE names its menu', () => {
    const content = validateContent('MENU_RESPONSE', seedContent('MENU_RESPONSE'));
    assert.deepEqual(referenceOf('MENU_RESPONSE', content, ''), { kind: 'menu', messageId: content.menuId });
  });

  void it('QUICK_REPLY_RESPONSE names its quick reply', () => {
    const content = validateContent('QUICK_REPLY_RESPONSE', seedContent('QUICK_REPLY_RESPONSE'));
    assert.deepEqual(referenceOf('QUICK_REPLY_RESPONSE', content), { kind: 'quickReply', messageId: content.quickReplyId });
  });

  void it('REACTION targets replyTo, which it requires', () => {
    assert.deepEqual(referenceOf('REACTION', { emoji: '👍' }, 'm1'), { kind: 'reaction', messageId: 'm1' });
    expectValidation(() => referenceOf('REACTION', { emoji: '👍' }, ''), '/replyTo');
    expectValidation(() => referenceOf('REACTION', { emoji: '👍' }), '/replyTo');
  });

  void it('FORM_RESPONSE targets replyTo, else the latest FORM (null)', () => {
    const content = validateContent('FORM_RESPONSE', seedContent('FORM_RESPONSE'));
    assert.deepEqual(referenceOf('FORM_RESPONSE', content, 'f1'), { kind: 'form', messageId: 'f1' });
    assert.deepEqual(referenceOf('FORM_RESPONSE', content, ''), { kind: 'form', messageId: null });
    assert.deepEqual(referenceOf('FORM_RESPONSE', content, null), { kind: 'form', messageId: null });
  });

  void it('other types refer to nothing, even with a replyTo', () => {
    assert.equal(referenceOf('TEXT', { text: 'hi' }, 'm1'), null);
    assert.equal(referenceOf('endChat', {}, ''), null);
  });

  void it('names the type each reference must land on', () => {
    assert.deepEqual(REFERENCE_TARGET_TYPES, { menu: 'MENU', quickReply: 'QUICK_REPLY', form: 'FORM', reaction: null });
  });
});

void describe('message kinds', () => {
  void it('sorts the 25 types', () => {
    const media = MESSAGE_TYPES.filter(isMediaType);
    const calls = MESSAGE_TYPES.filter(isCallEventType);
    const chat = MESSAGE_TYPES.filter(isChatEventType);
    assert.deepEqual(media, ['IMAGE', 'DOCUMENT', 'AUDIO', 'VIDEO']);
    assert.equal(calls.length, 8);
    assert.deepEqual(chat, ['endChat', 'leave']);
    assert.deepEqual(MESSAGE_TYPES.filter(isSystemMessageType), [...calls, ...chat]);
    assert.deepEqual(MESSAGE_TYPES.filter(needsReference), ['MENU_RESPONSE', 'QUICK_REPLY_RESPONSE', 'FORM_RESPONSE', 'REACTION']);
    assert.equal(isMediaType('STICKER'), false);
  });

  void it('reactions target conversation, not reactions or events', () => {
    assert.equal(canReactTo('TEXT'), true);
    assert.equal(canReactTo('IMAGE'), true);
    assert.equal(canReactTo('REACTION'), false);
    assert.equal(canReactTo('videoStarted'), false);
    assert.equal(canReactTo('endChat'), false);
  });
});
