import { render } from 'preact';
import { readConfig } from './config.js';
import { WidgetController } from './controller.js';
import { WidgetApp } from './app.js';
import { WIDGET_CSS } from './styles.js';

/**
 * The widget's entry: `<script src="https://chat.example.com/widget.js" data-tenant="DEFAULT">`.
 * Renders into a shadow root on its own host element, so the page's styles and the widget's never
 * meet. Theme it with CSS variables on `#parley-widget` (`--parley-accent`, `--parley-radius`, …).
 */
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-tenant]');
const config = readConfig(script);
let controller: WidgetController | null = null;

function mount(): void {
  if (document.getElementById('parley-widget')) return;
  const host = document.createElement('div');
  host.id = 'parley-widget';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = WIDGET_CSS;
  root.appendChild(style);
  const mountPoint = document.createElement('div');
  root.appendChild(mountPoint);
  document.body.appendChild(host);
  controller = new WidgetController(config);
  render(<WidgetApp ctl={controller} />, mountPoint);
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });

/** Opens the chat panel (`ParleyWidget.open()` from the page). */
export function open(): void {
  controller?.setOpen(true);
}

/** Closes the chat panel. */
export function close(): void {
  controller?.setOpen(false);
}
