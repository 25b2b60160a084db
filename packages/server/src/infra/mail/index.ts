export { composeMail, escapeHtml, type ComposedMail, type MailContent } from './compose.js';
export { createMailer, defaultSender, type Mailer, type MailLog, type MailerOptions } from './smtp-mailer.js';
export { MailOutbox } from './outbox.js';
