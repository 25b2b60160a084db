/**
 * URLs that reach an `href` or `src`: only absolute http(s) URLs pass, everything else (`javascript:`,
 * `data:`, relative paths, protocol-relative tricks) is dropped. Text never becomes markup: the pages
 * render through Preact text nodes only, and these checks guard the attributes.
 */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An image source: http(s), or one of the inline previews the server writes (`data:image/…;base64,`). */
export function imageSrc(value: unknown): string | null {
  if (typeof value === 'string' && /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(value)) return value;
  return httpUrl(value);
}

/** A map link for a location: numbers only reach the URL. */
export function mapUrl(latitude: unknown, longitude: unknown): string | null {
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
}

/** A `tel:` link from a phone number: digits and a leading plus only. */
export function telUrl(phone: unknown): string | null {
  if (typeof phone !== 'string') return null;
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : null;
}
