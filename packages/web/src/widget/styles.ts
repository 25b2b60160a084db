import { MESSAGE_CSS, THEME_VARS } from '../shared/message-styles.js';

/** The widget's styles, inside its shadow root: nothing leaks to the page, nothing comes in but the variables. */
export const WIDGET_CSS = `
:host{all:initial;${THEME_VARS}--parley-z:2147483000}
.pw-root{font-family:var(--parley-font);font-size:14px;line-height:1.4;color:var(--parley-text);position:fixed;right:20px;bottom:20px;z-index:var(--parley-z)}
.pw-launcher{position:relative;display:flex;align-items:center;justify-content:center;width:56px;height:56px;border-radius:50%;border:0;background:var(--parley-accent);color:var(--parley-accent-text);font-size:24px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);float:right}
.pw-badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:var(--parley-error);color:#fff;font-size:12px;line-height:20px;padding:0 5px;font-family:var(--parley-font)}
.pw-panel{position:absolute;right:0;bottom:72px;width:min(370px,calc(100vw - 40px));height:min(580px,calc(100vh - 110px));background:var(--parley-bg);border-radius:var(--parley-radius);box-shadow:0 10px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}
.pw-head{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:var(--parley-accent);color:var(--parley-accent-text)}
.pw-head h2{margin:0;font-size:16px}
.pw-head .pw-icon{color:inherit}
.pw-body{flex:1;display:flex;flex-direction:column;min-height:0}
.pw-chat{flex:1;display:flex;flex-direction:column;min-height:0}
.pw-card{padding:16px;display:flex;flex-direction:column;gap:6px;overflow-y:auto}
.pw-card label{font-size:13px;color:var(--parley-muted)}
.pw-card input,.pw-card textarea,.pw-card select{font:inherit;padding:8px;border:1px solid var(--parley-border);border-radius:8px;background:var(--parley-bg);color:var(--parley-text)}
.pw-lead{margin:0 0 8px}
.pw-primary,.pw-secondary{font:inherit;padding:8px 14px;border-radius:8px;cursor:pointer;border:1px solid var(--parley-accent)}
.pw-primary{background:var(--parley-accent);color:var(--parley-accent-text);margin-top:6px}
.pw-secondary{background:var(--parley-bg);color:var(--parley-accent)}
.pw-primary:disabled{opacity:.6}
.pw-queue,.pw-conn{padding:6px 12px;font-size:12px;background:#fff7e0;color:#6b4e00;text-align:center}
.pw-banner{padding:4px 12px}
.pw-actions{display:flex;justify-content:space-between;padding:0 10px 8px;font-size:12px;background:var(--parley-bg)}
.pw-ended{padding:12px;text-align:center;border-top:1px solid var(--parley-border)}
.pw-ended p{margin:0 0 8px}
.pw-row{display:flex;gap:8px;justify-content:center}
${MESSAGE_CSS}
`;
