import type { WidgetAppearance } from '@parley/protocol';

const HEX = /^#[0-9a-f]{6}$/i;

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(hex: string): '#000' | '#fff' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05: equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000' : '#fff';
}

/**
 * The tenant's colours as the widget's theme variables, on `:host`: after the built-in ones, so they
 * win over them, and still under the page's own `#parley-widget { --parley-accent: … }` if it sets
 * any. The primary colour fills the launcher, the header and the buttons; the accent marks focus and
 * read receipts. Anything not a #rrggbb colour is left out (the server refuses it already).
 */
export function themeCss(appearance: Pick<WidgetAppearance, 'primaryColor' | 'accentColor'> | null): string {
  if (!appearance) return '';
  const vars: string[] = [];
  if (HEX.test(appearance.primaryColor)) vars.push(`--parley-accent:${appearance.primaryColor}`, `--parley-accent-text:${textOn(appearance.primaryColor)}`);
  if (HEX.test(appearance.accentColor)) vars.push(`--parley-focus:${appearance.accentColor}`, `--parley-seen:${appearance.accentColor}`);
  return vars.length ? `:host{${vars.join(';')}}` : '';
}
