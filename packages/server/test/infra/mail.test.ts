import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { MailOutbox, composeMail, createMailer, defaultSender } from '../../src/infra/mail/index.js';
import { loadConfig } from '../../src/config/index.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

type Logged = { context: { purpose: string; code?: string; reason: string }; message: string };

function mailerFor(smtpUrl: string | undefined, logged: Logged[], extra: { from?: string; timeoutMs?: number } = {}) {
  return createMailer(
    { smtpUrl, from: extra.from, timeoutMs: extra.timeoutMs ?? 10_000 },
    { publicUrl: () => 'https://chat.example.com', log: (context, message) => logged.push({ context, message }) },
  );
}

const LINK = 'https://chat.example.com/console/#/accept?token=s3cret-link-token';
const content = composeMail({
  subject: 'Join <Acme & Co>\r\nBcc: victim@example.com',
  paragraphs: ['Ann <script>alert(1)</script> invited you.'],
  action: { label: 'Accept the invitation', url: LINK },
  footer: ['The link works for 7 days.'],
});

describe('mail over SMTP', () => {
  let smtp: TestSmtp;
  before(async () => {
    smtp = await startTestSmtp();
  });
  after(async () => smtp.close());

  it('sends through the URL (credentials in it), from the default sender, with text and escaped HTML', async () => {
    const logged: Logged[] = [];
    const mailer = mailerFor(smtp.url, logged);
    assert.ok(mailer);
    assert.equal(await mailer.send('bob@example.com', content, 'invitation'), true);
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes('bob@example.com'));

    assert.match(mail.from, /Parley <no-reply@chat\.example\.com>/);
    assert.equal(mail.envelopeFrom, 'no-reply@chat.example.com');
    // The subject stays one header: its line break did not add a Bcc.
    assert.equal(mail.subject, 'Join <Acme & Co> Bcc: victim@example.com');
    assert.deepEqual(mail.envelopeTo, ['bob@example.com']);
    assert.equal(linkIn(mail, 'accept?token='), LINK);
    assert.ok(mail.text.includes('Ann <script>alert(1)</script> invited you.'), 'the text part is plain text');
    assert.ok(!mail.html.includes('<script>'), 'the HTML part escapes values');
    assert.ok(mail.html.includes('Ann &lt;script&gt;alert(1)&lt;/script&gt; invited you.'));
    assert.ok(mail.html.includes(`href="${LINK}"`));
    assert.deepEqual(logged, []);
    mailer.close();
  });

  it('uses PARLEY_MAIL_FROM when set', async () => {
    const mailer = mailerFor(smtp.url, [], { from: 'Acme Support <support@acme.example>' });
    assert.ok(mailer);
    assert.equal(await mailer.send('carol@example.com', content, 'invitation'), true);
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes('carol@example.com'));
    assert.match(mail.from, /Acme Support <support@acme\.example>/);
    mailer.close();
  });

  it('a wrong SMTP password: not mailed, logged without the password or the link', async () => {
    const logged: Logged[] = [];
    const url = smtp.url.replace('mail-secret', 'wrong-secret');
    const mailer = mailerFor(url, logged);
    assert.ok(mailer);
    assert.equal(await mailer.send('dave@example.com', content, 'invitation'), false);
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.context.purpose, 'invitation');
    const text = JSON.stringify(logged);
    assert.ok(!text.includes('wrong-secret') && !text.includes('s3cret-link-token'), text);
    assert.ok(!smtp.mails.some((m) => m.envelopeTo.includes('dave@example.com')));
    mailer.close();
  });

  it('a server that refuses the message: not mailed, logged with its reply code', async () => {
    const refusing = await startTestSmtp({ refuse: true });
    const logged: Logged[] = [];
    const mailer = mailerFor(refusing.url, logged);
    assert.ok(mailer);
    assert.equal(await mailer.send('erin@example.com', content, 'reset'), false);
    assert.equal(logged[0]?.context.reason, 'refused (550)');
    mailer.close();
    await refusing.close();
  });

  it('a server that never answers: the send gives up at the time limit and reports not mailed', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const logged: Logged[] = [];
    const mailer = mailerFor(`smtp://127.0.0.1:${port}`, logged, { timeoutMs: 300 });
    assert.ok(mailer);
    assert.equal(await mailer.send('frank@example.com', content, 'reset'), false);
    assert.equal(logged.length, 1);
    mailer.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('the outbox sends in the background and tells when it is idle', async () => {
    const outbox = new MailOutbox(mailerFor(smtp.url, []));
    assert.equal(outbox.enabled, true);
    const before = smtp.mails.length;
    outbox.post('gina@example.com', content, 'reset');
    outbox.post('hank@example.com', content, 'reset');
    await outbox.idle();
    assert.equal(smtp.mails.length, before + 2);
    await outbox.close();
  });
});

describe('mail without SMTP', () => {
  it('no URL, no mailer: the outbox reports not mailed and sends nothing', async () => {
    assert.equal(mailerFor(undefined, []), undefined);
    const outbox = new MailOutbox(undefined);
    assert.equal(outbox.enabled, false);
    assert.equal(await outbox.send('ivy@example.com', content, 'invitation'), false);
    await outbox.idle();
  });

  it('the default sender is no-reply at the public host (an IP address in brackets)', () => {
    assert.equal(defaultSender('https://chat.example.com/base'), 'Parley <no-reply@chat.example.com>');
    assert.equal(defaultSender('http://127.0.0.1:8080'), 'Parley <no-reply@[127.0.0.1]>');
  });

  it('configuration: smtp:// or smtps:// only, a sender that looks like an address, secrets not echoed', () => {
    const ok = loadConfig({ PARLEY_SMTP_URL: 'smtps://u:p@mail.example:465', PARLEY_MAIL_FROM: 'Acme <a@acme.example>', PARLEY_MAIL_TIMEOUT_MS: '5000' });
    assert.deepEqual(ok.mail, { smtpUrl: 'smtps://u:p@mail.example:465', from: 'Acme <a@acme.example>', timeoutMs: 5000 });
    assert.deepEqual(loadConfig({}).mail, { smtpUrl: undefined, from: undefined, timeoutMs: 10_000 });
    try {
      loadConfig({ PARLEY_SMTP_URL: 'http://u:hunter2@mail.example', PARLEY_MAIL_FROM: 'not an address' });
      assert.fail('expected a configuration error');
    } catch (err) {
      const problems = (err as { problems: string[] }).problems;
      assert.equal(problems.length, 2, problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('PARLEY_SMTP_URL: expected a smtp or smtps URL')));
      assert.ok(problems.some((p) => p.startsWith('PARLEY_MAIL_FROM=not an address:')));
      assert.ok(!problems.join('\n').includes('hunter2'));
    }
  });
});
