import { useEffect, useRef } from 'preact/hooks';

/** An image full size over the page; Escape, the button or a click outside closes it. */
export function Lightbox({ src, alt, onClose }: { src: string; alt: string; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  const onCloseNow = useRef(onClose);
  onCloseNow.current = onClose;
  useEffect(() => {
    close.current?.focus();
    // Escape is heard before anything else on the page, wherever the focus is (it may still be on the
    // thumbnail that opened the image): only the image closes, not the chat panel around it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      e.preventDefault();
      onCloseNow.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div class="pw-lightbox" role="dialog" aria-modal="true" aria-label={alt} onClick={(e) => e.target === e.currentTarget && onClose()}>
      <img src={src} alt={alt} />
      <button ref={close} type="button" class="pw-lightbox-close" aria-label="Close image" onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
