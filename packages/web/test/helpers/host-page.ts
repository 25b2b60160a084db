import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A customer's website on another origin than the Parley server: one page that embeds the widget
 * with its script tag, and sets traps that record any script execution an injected payload causes
 * (`window.__xss`, and alert/confirm/prompt).
 */
export interface HostPage {
  url: string;
  close(): Promise<void>;
}

export function hostPageHtml(server: string, tenant = 'DEFAULT'): string {
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Shoes — support</title>
<style>body{font-family:Georgia,serif;margin:0;background:#fafafa;color:#222} header{background:#333;color:#fff;padding:16px 32px} main{padding:32px;max-width:720px} p{line-height:1.6}</style>
<script data-trap>
window.__xss = undefined;
window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt']) window[name] = (msg) => { window.__dialogs.push(name + ':' + msg); window.__xss = window.__xss || name; };
</script>
</head><body>
<header><h1>Acme Shoes</h1></header>
<main><h2>Welcome to our shop</h2><p>Questions about sizes, delivery or returns? Our team is one click away: open the chat at the bottom right.</p></main>
<script src="${attr(server)}/widget.js" data-tenant="${attr(tenant)}" data-server="${attr(server)}"></script>
</body></html>`;
}

export async function startHostPage(server: string): Promise<HostPage> {
  const html = hostPageHtml(server);
  const http: Server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
