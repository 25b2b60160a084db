// The pure rules behind the widget's settings and the console's canned responses, without a browser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CannedResponse, PrechatField } from '@parley/protocol';
import { fillVariables, findShortcut } from '../src/console/canned.js';
import { problemOf, startInputOf } from '../src/widget/prechat-form.js';
import { textOn, themeCss } from '../src/widget/theme.js';

const canned = (shortcut: string, scope: CannedResponse['scope'], text: string): CannedResponse => ({
  id: `${scope}-${shortcut}`,
  shortcut,
  text,
  scope,
  departmentId: scope === 'department' ? 'sales' : null,
  ownerId: scope === 'personal' ? 'me' : null,
  createdAt: 0,
  updatedAt: 0,
});

describe('canned responses in the console', () => {
  it('fills {{visitor.name}} and {{agent.name}}, with or without spaces, and nothing else', () => {
    assert.equal(fillVariables('Hi {{visitor.name}}, {{ agent.name }} here. {{visitor.email}}', { visitor: 'Maria', agent: 'Gabriele' }), 'Hi Maria, Gabriele here. {{visitor.email}}');
  });

  it("takes the agent's own shortcut first, then the department's, then the team's", () => {
    const list = [canned('hi', 'team', 'team'), canned('hi', 'department', 'dept'), canned('bye', 'team', 'bye')];
    assert.equal(findShortcut(list, 'hi')?.text, 'dept');
    assert.equal(findShortcut([...list, canned('hi', 'personal', 'mine')], 'HI')?.text, 'mine');
    assert.equal(findShortcut(list, 'nope'), undefined);
  });
});

describe('the widget’s pre-chat form and theme', () => {
  const fields: PrechatField[] = [
    { name: 'name', label: 'Name', type: 'text', required: true },
    { name: 'email', label: 'Email', type: 'email', required: false },
    { name: 'topic', label: 'Topic', type: 'select', required: true, options: ['Sales', 'Support'] },
    { name: 'order', label: 'Order', type: 'text', required: false },
  ];

  it('says what is missing or wrong, field by field', () => {
    assert.equal(problemOf(fields, {}), 'Please tell us your name');
    assert.equal(problemOf(fields, { name: 'M', email: 'nope' }), 'Please check your email address');
    assert.equal(problemOf(fields, { name: 'M' }), 'Please fill in Topic');
    assert.equal(problemOf(fields, { name: 'M', topic: 'Billing' }), 'Please choose Topic');
    assert.equal(problemOf(fields, { name: 'M', topic: 'Sales' }), '');
  });

  it('maps name, email and subject to the session and chat, the rest to the first message', () => {
    assert.deepEqual(startInputOf(fields, { name: ' Maria ', email: 'm@example.com', topic: 'Sales', order: ' A-1 ' }), {
      nickname: 'Maria',
      email: 'm@example.com',
      details: 'Topic: Sales\nOrder: A-1',
    });
    assert.deepEqual(startInputOf([{ name: 'subject', label: 'Subject', type: 'text', required: true }], { subject: 'Sizes' }), { nickname: 'Visitor', subject: 'Sizes' });
  });

  it('themes with the tenant colours, readable text on the primary, and ignores anything not #rrggbb', () => {
    assert.equal(textOn('#ffffff'), '#000');
    assert.equal(textOn('#8b0000'), '#fff');
    assert.equal(textOn('#f59e0b'), '#000');
    assert.equal(themeCss({ primaryColor: '#8b0000', accentColor: '#00ff00' }), ':host{--parley-accent:#8b0000;--parley-accent-text:#fff;--parley-focus:#00ff00;--parley-seen:#00ff00}');
    assert.equal(themeCss({ primaryColor: 'red;}body{', accentColor: 'x' }), '');
    assert.equal(themeCss(null), '');
  });
});
