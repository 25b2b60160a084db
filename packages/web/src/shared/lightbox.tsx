import { useEffect, useRef } from 'preact/hooks';

/** An image full size over the page; Escape, the button or a click outside closes it. */
export function Lightbox({ src, alt, onClose }: { src: string; alt: string; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      class="pw-lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={alt}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Only the image closes, not the chat panel around it.
        e.stopPropagation();
        onClose();
      }}
    >
      <img src={src} alt={alt} />
      <button ref={close} type="button" class="pw-lightbox-close" aria-label="Close image" onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
