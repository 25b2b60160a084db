import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../../config/index.js';
import type { ComposedMail } from './compose.js';

/** Outgoing mail. Absent (undefined) when no SMTP server is configured: callers then show links instead. */
export interface Mailer {
  /**
   * Sends one mail. Resolves `true` once the SMTP server accepted it, `false` when it refused it or
   * did not accept it within the configured time limit. Never rejects, and never takes longer than
   * that limit: a request waiting for it stays bounded.
   */
  send(to: string, mail: ComposedMail, purpose: string): Promise<boolean>;
  /** Closes idle connections (at shutdown). */
  close(): void;
}

/** Why a mail was not sent, as it may be logged: never the mail, its link or the SMTP password. */
export type MailLog = (context: { purpose: string; code?: string; reason: string }, message: string) => void;

export interface MailerOptions {
  /** The public URL of the installation (known once listening): the default sender is `Parley <no-reply@its host>`. */
  publicUrl: () => string;
  log: MailLog;
}

/** `Parley <no-reply@host>` for the host of the public URL (an IP address in brackets, as RFC 5321 wants). */
export function defaultSender(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  const domain = /^[\d.]+$/.test(host) || host.startsWith('[') ? `[${host.replace(/^\[|\]$/g, '')}]` : host;
  return `Parley <no-reply@${domain}>`;
}

/**
 * The mailer of a node, built from `PARLEY_SMTP_URL` (smtp:// with STARTTLS when offered, smtps://
 * with TLS from the start; credentials in the URL). Undefined when the URL is unset.
 *
 * @example
 * const mailer = createMailer(config.mail, { publicUrl, log: (ctx, msg) => app.log.warn(ctx, msg) });
 * const mailed = (await mailer?.send('ann@example.com', composeMail({...}), 'invitation')) ?? false;
 */
export function createMailer(config: MailConfig, options: MailerOptions): Mailer | undefined {
  if (!config.smtpUrl) return undefined;
  const timeout = config.timeoutMs;
  const transport: Transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    // Each stage bounded by the one limit; the abort signal below bounds the whole.
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    logger: false,
    debug: false,
  });
  return {
    async send(to, mail, purpose) {
      try {
        const from = config.from ?? defaultSender(options.publicUrl());
        const info = await transport.sendMail({ from, to, subject: mail.subject, text: mail.text, html: mail.html, signal: AbortSignal.timeout(timeout) });
        if ((info.accepted?.length ?? 0) > 0) return true;
        options.log({ purpose, reason: 'recipient refused' }, 'mail not sent');
        return false;
      } catch (err) {
        const e = err as { code?: unknown; name?: unknown; responseCode?: unknown };
        const code = typeof e.code === 'string' ? e.code : undefined;
        // The error's message may quote the server; it never holds the body, but the reason is kept short.
        const reason = code === 'EABORT' || e.name === 'AbortError' || e.name === 'TimeoutError' ? `not accepted within ${timeout} ms` : typeof e.responseCode === 'number' ? `refused (${e.responseCode})` : 'failed';
        options.log({ purpose, ...(code ? { code } : {}), reason }, 'mail not sent');
        return false;
      }
    },
    close() {
      transport.close();
    },
  };
}
