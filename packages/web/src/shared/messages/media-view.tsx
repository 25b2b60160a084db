import { useContext, useEffect, useState } from 'preact/hooks';
import type { Message } from '@parley/protocol/wire';
import { httpUrl, imageSrc } from '../safe-url.js';
import { fileSize, str } from '../format.js';
import { MessageEnvContext } from './context.js';

/** The URL of a media message's file: its own http(s) `fileUrl`, else a short-lived download URL. */
function useMediaUrl(message: Message): string | null {
  const env = useContext(MessageEnvContext);
  const external = httpUrl(message.content.fileUrl);
  const [url, setUrl] = useState<string | null>(external);
  useEffect(() => {
    if (external || !env.media || message.deleted) return;
    let live = true;
    env.media.get(message.chatId, message.id).then(
      (u) => live && setUrl(httpUrl(u)),
      () => live && setUrl(null),
    );
    return () => {
      live = false;
    };
  }, [message.chatId, message.id, external, env.media, message.deleted]);
  return url;
}

/** IMAGE, DOCUMENT, AUDIO, VIDEO: a thumbnail that opens full size, a download, or a player. */
export function MediaView({ message }: { message: Message }) {
  const env = useContext(MessageEnvContext);
  const url = useMediaUrl(message);
  const c = message.content;
  const name = str(c.fileName) || message.messageType.toLowerCase();
  const caption = str(c.caption);
  const size = fileSize(c.fileSize);
  let body;
  if (message.messageType === 'IMAGE') {
    const thumb = imageSrc(c.thumbnail) ?? url;
    body = (
      <button
        type="button"
        class="pw-thumb"
        aria-label={`Open image ${name} full size`}
        disabled={!url}
        onClick={() => url && env.openImage?.(url, caption || name)}
      >
        {thumb ? <img src={thumb} alt={caption || name} loading="lazy" /> : <span class="pw-file-icon">Image</span>}
      </button>
    );
  } else if (message.messageType === 'AUDIO') {
    body = url ? <audio controls preload="none" src={url} aria-label={name} /> : <span>{name}</span>;
  } else if (message.messageType === 'VIDEO') {
    body = url ? <video controls preload="metadata" src={url} aria-label={name} poster={imageSrc(c.thumbnail) ?? undefined} /> : <span>{name}</span>;
  } else {
    body = null;
  }
  return (
    <div class={`pw-media pw-media-${message.messageType.toLowerCase()}`}>
      {body}
      <div class="pw-file">
        {url ? (
          <a href={url} target="_blank" rel="noopener noreferrer" download={name} class="pw-download">
            <span aria-hidden="true">⬇ </span>
            {name}
          </a>
        ) : (
          <span>{name}</span>
        )}
        {size ? <span class="pw-size"> · {size}</span> : null}
      </div>
      {caption ? <div class="pw-caption">{caption}</div> : null}
    </div>
  );
}
