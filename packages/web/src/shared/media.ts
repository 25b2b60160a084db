import type { RestClient } from '@parley/sdk';
import type { DownloadToken, MediaMessageType, MediaView } from '@parley/protocol/wire';

/** The message type a file goes out as, from its MIME type (the server checks the bytes anyway). */
export function mediaTypeOf(file: Blob): MediaMessageType {
  if (file.type.startsWith('image/') && file.type !== 'image/svg+xml') return 'IMAGE';
  if (file.type.startsWith('audio/')) return 'AUDIO';
  if (file.type.startsWith('video/')) return 'VIDEO';
  return 'DOCUMENT';
}

/**
 * Uploads a file with progress (XMLHttpRequest: fetch reports no upload progress). Resolves with the
 * stored media; rejects with an Error carrying the server's message.
 */
export function uploadFile(
  base: string,
  token: string,
  file: File,
  messageType: MediaMessageType,
  onProgress: (fraction: number) => void,
): Promise<MediaView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base}/v1/media?messageType=${messageType}`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 201 && body && typeof body === 'object' && 'media' in body) {
        onProgress(1);
        resolve((body as { media: MediaView }).media);
        return;
      }
      const error = (body as { error?: { message?: unknown } } | undefined)?.error;
      const message = typeof error?.message === 'string' ? error.message : `HTTP ${xhr.status}`;
      reject(new Error(message));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Short-lived download URLs of media messages (seed 004's file token): usable as `src` and `href`
 * without an Authorization header. Cached per message until shortly before they expire.
 */
export class MediaUrls {
  readonly #rest: RestClient;
  readonly #cache = new Map<string, { url: Promise<string>; until: number }>();

  constructor(rest: RestClient) {
    this.#rest = rest;
  }

  get(chatId: string, messageId: string): Promise<string> {
    const key = `${chatId}\n${messageId}`;
    const hit = this.#cache.get(key);
    if (hit && hit.until > Date.now()) return hit.url;
    const url = this.#rest
      .request<DownloadToken>(`/v1/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(messageId)}/media/token`, {
        method: 'POST',
        body: { ttlSeconds: 3600 },
      })
      .then((r) => `${this.#rest.baseUrl}${r.url}`);
    url.catch(() => this.#cache.delete(key));
    this.#cache.set(key, { url, until: Date.now() + 3000 * 1000 });
    return url;
  }
}

/** Downloads an authenticated resource and saves it under `fileName` (never rendered in the page). */
export async function saveAuthenticated(base: string, token: string, path: string, fileName: string): Promise<void> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const blob = await res.blob();
  const href = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
