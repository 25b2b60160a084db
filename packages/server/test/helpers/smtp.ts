import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/** A mail as it reached the test SMTP server, parsed. */
export interface CaughtMail {
  /** Envelope sender and recipients, as the client gave them. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** The `From:` header as `Name <address>` (unquoted), e.g. `Parley <no-reply@example.com>`. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtp {
  /** `smtp://user:pass@127.0.0.1:<port>`: give it to `PARLEY_SMTP_URL`. */
  url: string;
  /** Every mail received so far, in order. */
  mails: CaughtMail[];
  /** The first mail (already here or still to come) that matches; `timeoutMs` only keeps a broken test from hanging. */
  waitFor(match: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on an ephemeral loopback port (no TLS, AUTH PLAIN/LOGIN required with the
 * given credentials) that keeps every mail it accepts. With `refuse`, it refuses every message
 * after reading it (550), as a server with a full mailbox or a policy would.
 */
export async function startTestSmtp(opts: { user?: string; pass?: string; refuse?: boolean } = {}): Promise<TestSmtp> {
  const user = opts.user ?? 'parley';
  const pass = opts.pass ?? 'mail-secret';
  const mails: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (opts.refuse) {
            const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
            callback(err);
            return;
          }
          mails.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: (parsed.from?.value ?? []).map((a) => (a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? ''))).join(', '),
            to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? ''),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          });
          callback();
          for (const wake of [...waiters]) wake();
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error('unreadable message')));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    mails,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = mails.find(match);
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching mail among ${mails.length} received`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first `http(s)://…` address in a mail's text that contains `needle` (the link to follow). */
export function linkIn(mail: CaughtMail, needle: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(needle));
  if (!link) throw new Error(`no link with ${needle} in the mail`);
  return link;
}
