import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason } from './helpers/browser.js';
import { asUser, eventually, openVisitor, sdkAgent, startChat, startScenario, widgetChatId, type Scenario } from './helpers/scenario.js';

const skip = browserSkipReason();

const FORM = {
  title: 'Your details',
  response_to_bot: 'form done',
  formData: [
    { name: 'company', label: 'Company', dc_type: 'text', isMandatory: true, customMandatoryErrorMessage: 'Campo obbligatorio' },
    { name: 'email2', label: 'Email', dc_type: 'email', isMandatory: true, custom_regexp: '.*@.*', customValidationErrorMessage: 'Email non valida', customMandatoryErrorMessage: 'Email obbligatoria' },
    { name: 'fascia', label: 'Time of day', dc_type: 'select', isMandatory: true, options: { mattina: 'Morning', pomeriggio: 'Afternoon' }, customMandatoryErrorMessage: 'Choose a time' },
  ],
};

describe('bot prompts in the widget (Chromium)', { skip }, () => {
  let s: Scenario;
  before(async () => {
    s = await startScenario();
  });
  after(async () => {
    await s?.close();
  });

  it('menus, quick replies and a form answered with buttons, with the FORM’s own validation messages', async () => {
    const bot = await s.t.createUser('bot', 'Assistant');
    const agent = await s.t.createUser('agent', 'Agent Smith');
    assert.equal((await s.t.admin('PUT', '/v1/livechat/entry-bot', { userId: bot.id })).status, 204);
    await sdkAgent(s, agent);
    const visitor = await openVisitor(s);
    await startChat(visitor, 'Paolo');
    const chatId = await widgetChatId(visitor, s.t.url);
    const send = (messageType: string, content: unknown, replyTo?: string) =>
      asUser<{ message: { id: string } }>(s, bot, 'POST', `/v1/chats/${chatId}/messages`, { messageType, content, ...(replyTo ? { replyTo } : {}) });
    const history = async () => (await asUser<{ messages: any[] }>(s, bot, 'GET', `/v1/chats/${chatId}/messages?limit=100`)).messages;

    // MENU: load-item options are buttons; open-url options are links that open in a new tab.
    const menu = await send('MENU', {
      text: 'Choose an option:',
      options: [
        { id: 0, command: 'load-item', text: 'Book a flight', targetUrl: 'I want to book a flight' },
        { id: 1, command: 'open-url', text: 'Our website', targetUrl: 'https://example.com/', params: [{ name: 'where', text: '_blank' }] },
      ],
    });
    await visitor.getByText('Choose an option:').waitFor();
    const link = visitor.getByRole('link', { name: 'Our website' });
    assert.equal(await link.getAttribute('href'), 'https://example.com/');
    assert.match((await link.getAttribute('rel')) ?? '', /noopener/);
    await visitor.getByRole('button', { name: 'Book a flight' }).click();
    await eventually(async () => (await history()).some((m) => m.messageType === 'MENU_RESPONSE' && m.content.menuId === menu.message.id), 10_000, 'MENU_RESPONSE');
    await visitor.locator('.pw-mine', { hasText: 'Book a flight' }).waitFor();
    assert.equal(await visitor.getByRole('button', { name: 'Book a flight' }).isDisabled(), true, 'an answered menu is disabled');

    // QUICK_REPLY with header and footer.
    const quick = await send('QUICK_REPLY', { text: 'Do you want to continue?', header: 'Cool Title!', footer: 'Cool Footer!', quickReplies: ['No', 'Yes', 'Help'] });
    await visitor.getByText('Cool Title!').waitFor();
    await visitor.getByText('Cool Footer!').waitFor();
    await visitor.getByRole('button', { name: 'Yes', exact: true }).click();
    await eventually(
      async () => (await history()).some((m) => m.messageType === 'QUICK_REPLY_RESPONSE' && m.content.quickReplyId === quick.message.id && m.content.reply === 'Yes'),
      10_000,
      'QUICK_REPLY_RESPONSE',
    );

    // FORM: the visitor's mistakes get the FORM's own messages; nothing is sent until they are fixed.
    await send('FORM', FORM);
    const form = visitor.getByRole('form', { name: 'Your details' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Campo obbligatorio').waitFor();
    await form.getByText('Email obbligatoria').waitFor();
    await form.getByText('Choose a time').waitFor();
    await form.getByLabel('Company').fill('Enghouse');
    await form.getByLabel('Email').fill('not-an-address');
    await form.getByLabel('Time of day').selectOption('mattina');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Email non valida').waitFor();
    assert.equal(await form.getByText('Campo obbligatorio').count(), 0);
    assert.equal((await history()).filter((m) => m.messageType === 'FORM_RESPONSE').length, 0);
    await form.getByLabel('Email').fill('legal@enghouse.com');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Sent').waitFor();
    const responses = (await history()).filter((m) => m.messageType === 'FORM_RESPONSE');
    assert.equal(responses.length, 1);
    const values = Object.fromEntries(responses[0].content.formData.map((f: { name: string; value: string }) => [f.name, f.value]));
    assert.deepEqual(values, { company: 'Enghouse', email2: 'legal@enghouse.com', fascia: 'mattina' });
    // The answer shows in the timeline with the form's labels.
    await visitor.locator('.pw-answers', { hasText: 'legal@enghouse.com' }).waitFor();
  });
});
