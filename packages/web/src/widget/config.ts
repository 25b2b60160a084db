/** How the host page configured the widget, from its script tag. */
export interface WidgetConfig {
  /** The tenant's domain (`data-tenant`, default `DEFAULT`). */
  tenant: string;
  /** The Parley server (`data-server`; default: where the script came from). */
  server: string;
  /** Optional department the chats go to (`data-department`). */
  department: string | undefined;
  /** Launcher title (`data-title`): when the page sets one, it wins over the tenant's. */
  title: string | undefined;
  /** Open the panel at once (`data-open`). */
  open: boolean;
}

/** Reads the `<script src=".../widget.js" data-tenant data-server>` that loaded the widget. */
export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const data = script?.dataset ?? {};
  const fromSrc = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const server = (data.server ?? fromSrc).replace(/\/+$/, '');
  return {
    tenant: data.tenant || 'DEFAULT',
    server,
    department: data.department || undefined,
    title: data.title || undefined,
    open: data.open === 'true',
  };
}
