/** Styles of the timeline, messages and composer, shared by the widget (in its shadow root) and the console. */
export const MESSAGE_CSS = `
.pw-timeline{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:4px;background:var(--parley-bg-soft)}
.pw-messages{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.pw-msg{display:flex}
.pw-mine{justify-content:flex-end}
.pw-bubble{max-width:80%;padding:8px 10px;border-radius:var(--parley-radius);background:var(--parley-bubble);color:var(--parley-text);box-shadow:0 1px 1px rgba(0,0,0,.06);overflow-wrap:anywhere;white-space:pre-wrap}
.pw-mine .pw-bubble{background:var(--parley-accent);color:var(--parley-accent-text)}
.pw-mine .pw-bubble a{color:inherit}
.pw-pending .pw-bubble{opacity:.7}
.pw-sender{font-size:.75em;font-weight:600;color:var(--parley-muted);margin-bottom:2px}
.pw-meta{font-size:.7em;opacity:.75;text-align:right;margin-top:2px}
.pw-tick-seen{color:var(--parley-seen)}
.pw-mine .pw-tick-seen{color:inherit;font-weight:700}
.pw-system{align-self:center;font-size:.75em;color:var(--parley-muted);padding:2px 8px;text-align:center}
.pw-deleted{opacity:.7}
.pw-reactions{list-style:none;display:flex;gap:4px;margin:4px 0 0;padding:0}
.pw-reactions li{background:var(--parley-bg);color:var(--parley-text);border-radius:10px;padding:0 6px;font-size:.85em}
.pw-media img{display:block;max-width:220px;max-height:220px;border-radius:calc(var(--parley-radius) - 4px)}
.pw-media audio,.pw-media video{max-width:240px;display:block}
.pw-thumb{padding:0;border:0;background:none;cursor:zoom-in;display:block}
.pw-file{font-size:.85em;margin-top:4px}
.pw-size,.pw-sub{font-size:.8em;opacity:.8}
.pw-caption{margin-top:4px}
.pw-choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.pw-choice{font:inherit;font-size:.9em;padding:6px 10px;border-radius:16px;border:1px solid var(--parley-accent);background:var(--parley-bg);color:var(--parley-accent);cursor:pointer;text-decoration:none}
.pw-choice:disabled,.pw-disabled{opacity:.5;cursor:default}
.pw-header{font-weight:600}
.pw-footer{font-size:.8em;opacity:.8;margin-top:4px}
.pw-form{display:flex;flex-direction:column;gap:6px;white-space:normal}
.pw-form-title{font-weight:600}
.pw-field{display:flex;flex-direction:column;gap:2px}
.pw-field label{font-size:.85em}
.pw-field input,.pw-field select,.pw-field textarea{font:inherit;padding:6px;border:1px solid var(--parley-border);border-radius:6px;background:var(--parley-bg);color:var(--parley-text)}
.pw-field [aria-invalid=true]{border-color:var(--parley-error)}
.pw-field-error{color:var(--parley-error);font-size:.85em}
.pw-answers{margin:0}
.pw-answer{display:flex;gap:6px}
.pw-answer dt{font-weight:600}
.pw-answer dd{margin:0}
.pw-contacts{list-style:none;margin:0;padding:0}
.pw-typing{font-size:.8em;color:var(--parley-muted);padding:4px 2px}
.pw-dots i{display:inline-block;width:4px;height:4px;margin-left:2px;border-radius:50%;background:currentColor;animation:pw-blink 1.2s infinite}
.pw-dots i:nth-child(2){animation-delay:.2s}.pw-dots i:nth-child(3){animation-delay:.4s}
@keyframes pw-blink{0%,80%,100%{opacity:.2}40%{opacity:1}}
.pw-older{align-self:center;font:inherit;font-size:.8em;background:none;border:0;color:var(--parley-accent);cursor:pointer}
.pw-composer{border-top:1px solid var(--parley-border);padding:8px;background:var(--parley-bg)}
.pw-compose-row{display:flex;gap:6px;align-items:flex-end}
.pw-input{flex:1;font:inherit;resize:none;padding:8px;border:1px solid var(--parley-border);border-radius:8px;max-height:120px;background:var(--parley-bg);color:var(--parley-text)}
.pw-send,.pw-icon{font:inherit;border:0;background:none;cursor:pointer;font-size:1.2em;padding:6px;color:var(--parley-accent)}
.pw-send:disabled{opacity:.4;cursor:default}
.pw-progress{width:100%;height:6px;margin-bottom:6px}
.pw-hidden{display:none}
.pw-linkish{font:inherit;background:none;border:0;padding:0;color:var(--parley-accent);cursor:pointer;text-decoration:underline}
.pw-failed{color:var(--parley-error)}
.pw-lightbox{position:fixed;inset:0;background:rgba(0,0,0,.85);display:flex;align-items:center;justify-content:center;z-index:2147483647}
.pw-lightbox img{max-width:95vw;max-height:90vh}
.pw-lightbox-close{position:absolute;top:12px;right:12px;font-size:1.4em;background:#fff;border:0;border-radius:50%;width:36px;height:36px;cursor:pointer}
:focus-visible{outline:2px solid var(--parley-focus);outline-offset:2px}
`;

/** The theme variables and their defaults; a page overrides them on the widget's host element. */
export const THEME_VARS = `
--parley-accent:#2f6fed;--parley-accent-text:#fff;--parley-bg:#fff;--parley-bg-soft:#f4f6fa;--parley-bubble:#fff;
--parley-text:#1d2330;--parley-muted:#667085;--parley-border:#d6dbe4;--parley-error:#c0262d;--parley-seen:#2f6fed;
--parley-focus:#f59e0b;--parley-radius:14px;--parley-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
`;
