/** One mail as Parley writes it: a few paragraphs and, usually, one link to follow. */
export interface MailContent {
  subject: string;
  /** Plain paragraphs, in order; values are escaped in the HTML part. */
  paragraphs: string[];
  /** The one thing to do: a link, shown as a button in HTML and on its own line in text. */
  action?: { label: string; url: string };
  /** Small print after the action (why the mail came, how long the link lasts). */
  footer?: string[];
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML body or attribute: user-given names and tenant names go through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A header value on one line: a tenant name with a line break must not start a new header. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/**
 * Writes a mail's plain-text and HTML bodies from the same content, so both say the same thing.
 * The HTML is deliberately plain (inline styles only, no images): mail clients differ, and a link
 * must work when every style is stripped.
 *
 * @example
 * composeMail({ subject: 'Join Acme', paragraphs: ['Ann invited you.'], action: { label: 'Accept', url } });
 */
export function composeMail(content: MailContent): ComposedMail {
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.footer ?? []),
  ].join('\n\n');
  const paragraph = (p: string): string => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`;
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#2563eb;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this address: <span style="word-break:break-all">${escapeHtml(content.action.url)}</span></p>`
    : '';
  const footer = (content.footer ?? []).map((p) => `<p style="margin:0 0 8px;font-size:13px;color:#555">${escapeHtml(p)}</p>`).join('');
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(oneLine(content.subject))}</title></head>` +
    `<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:24px">` +
    content.paragraphs.map(paragraph).join('') +
    action +
    (footer ? `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">${footer}` : '') +
    `</body></html>`;
  return { subject: oneLine(content.subject), text: `${text}\n`, html };
}
