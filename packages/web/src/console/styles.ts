import { MESSAGE_CSS, THEME_VARS } from '../shared/message-styles.js';
import { ADMIN_CSS } from './admin/admin-styles.js';

/** The console's styles (a page of its own: the shared message styles plus its layout). */
export const CONSOLE_CSS = `
:root{${THEME_VARS}}
*{box-sizing:border-box}
html,body,#app{height:100%;margin:0}
body{font-family:var(--parley-font);font-size:14px;color:var(--parley-text);background:var(--parley-bg-soft)}
h1,h2{margin:0}
.pc-login{display:flex;align-items:center;justify-content:center;height:100%}
.pc-card{background:var(--parley-bg);padding:24px;border-radius:12px;box-shadow:0 4px 20px rgba(0,0,0,.1);display:flex;flex-direction:column;gap:8px;width:min(420px,90vw)}
.pc-card textarea{font:inherit;font-family:monospace;font-size:12px;padding:8px;border:1px solid var(--parley-border);border-radius:8px}
.pc-hint{font-size:12px;color:var(--parley-muted);margin:0}
.pc-card form{display:flex;flex-direction:column;gap:8px}
.pc-field{display:flex;flex-direction:column;gap:4px}
.pc-field input{font:inherit;padding:8px;border:1px solid var(--parley-border);border-radius:8px}
.pc-field input[aria-invalid=true]{border-color:var(--parley-error)}
.pc-link{background:none;border:0;padding:4px 0;color:var(--parley-accent);cursor:pointer;font:inherit;font-size:13px;text-decoration:underline;align-self:flex-start}
.pc-notice{background:#fff7e6;border:1px solid #f5c16c;border-radius:8px;padding:8px;font-size:13px}
.pc-row{display:flex;align-items:center;justify-content:space-between;gap:8px}
.pc-menu{position:relative;margin-left:auto}
.pc-menu-button{font:inherit;background:none;border:1px solid rgba(255,255,255,.5);color:inherit;border-radius:8px;padding:4px 10px;cursor:pointer;max-width:60vw;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.pc-menu-list{position:absolute;right:0;top:calc(100% + 4px);background:var(--parley-bg);color:var(--parley-text);border:1px solid var(--parley-border);border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.15);display:flex;flex-direction:column;min-width:200px;z-index:20;padding:4px}
.pc-menu-list button{font:inherit;text-align:left;background:none;border:0;padding:8px;cursor:pointer;border-radius:6px}
.pc-menu-list button:hover{background:var(--parley-bg-soft)}
.pc-menu-info{font-size:12px;color:var(--parley-muted);padding:6px 8px;border-bottom:1px solid var(--parley-border);overflow-wrap:anywhere}
.pc-overlay{position:fixed;inset:0;background:rgba(0,0,0,.35);display:flex;align-items:center;justify-content:center;z-index:30;padding:12px}
.pc-sessions{width:min(560px,100%);max-height:90vh;overflow-y:auto}
.pc-session{display:flex;justify-content:space-between;align-items:center;gap:8px;border:1px solid var(--parley-border);border-radius:8px;padding:8px;overflow-wrap:anywhere}
.pc-session>button{flex:none}
.pc-primary,.pc-secondary,.pc-danger{font:inherit;font-size:13px;padding:6px 12px;border-radius:8px;cursor:pointer;border:1px solid var(--parley-accent)}
.pc-primary{background:var(--parley-accent);color:var(--parley-accent-text)}
.pc-secondary{background:var(--parley-bg);color:var(--parley-accent)}
.pc-danger{background:var(--parley-bg);color:var(--parley-error);border-color:var(--parley-error)}
.pc-app{display:flex;flex-direction:column;height:100%}
.pc-top{display:flex;gap:12px;align-items:center;padding:8px 16px;background:var(--parley-accent);color:var(--parley-accent-text)}
.pc-main{flex:1;display:flex;min-height:0}
.pc-side{width:270px;background:var(--parley-bg);border-right:1px solid var(--parley-border);overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.pc-side h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--parley-muted);margin-top:8px}
.pc-status{display:flex;gap:8px;align-items:center}
.pc-status select{font:inherit;flex:1;padding:4px}
.pc-dot{width:10px;height:10px;border-radius:50%;background:#aaa}
.pc-dot-connected{background:#1f9d55}.pc-dot-connecting{background:#f59e0b}
.pc-count{background:var(--parley-bg-soft);border-radius:8px;padding:0 6px}
.pc-list{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
.pc-empty{color:var(--parley-muted);font-size:12px}
.pc-item{width:100%;text-align:left;font:inherit;background:var(--parley-bg);border:1px solid var(--parley-border);border-radius:8px;padding:6px 8px;cursor:pointer;display:grid;grid-template-columns:1fr auto;gap:2px}
.pc-selected{border-color:var(--parley-accent);background:#eef3ff}
.pc-item-title{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.pc-item-sub{grid-column:1/3;font-size:12px;color:var(--parley-muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.pc-unread{background:var(--parley-error);color:#fff;border-radius:10px;padding:0 6px;font-size:12px}
.pc-chat-wrap{flex:1;display:flex;min-width:0}
.pc-chat{flex:1;display:flex;flex-direction:column;min-width:0}
.pc-chat-head{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;padding:8px 12px;background:var(--parley-bg);border-bottom:1px solid var(--parley-border)}
.pc-chat-head h2{font-size:16px}
.pc-state{font-size:12px;color:var(--parley-muted)}
.pc-actions{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.pc-inline{display:flex;gap:4px}
.pc-inline select{font:inherit;font-size:13px;max-width:160px}
.pc-placeholder{flex:1;display:flex;align-items:center;justify-content:center;color:var(--parley-muted)}
.pc-error{padding:4px 12px}
.pc-compose{background:var(--parley-bg);position:relative}
.pc-canned{padding:6px 8px 0}
.pc-canned-menu{position:absolute;bottom:100%;left:8px;background:var(--parley-bg);border:1px solid var(--parley-border);border-radius:8px;padding:8px;box-shadow:0 4px 16px rgba(0,0,0,.12);width:min(420px,80vw);z-index:5}
.pc-canned-menu ul{list-style:none;margin:0 0 6px;padding:0}
.pc-canned-menu li{display:flex;gap:4px}
.pc-canned-item{flex:1;text-align:left;font:inherit;background:none;border:0;padding:4px;cursor:pointer}
.pc-canned-item:hover{background:var(--parley-bg-soft)}
.pc-icon{background:none;border:0;cursor:pointer;color:var(--parley-muted)}
.pc-visitor{width:260px;background:var(--parley-bg);border-left:1px solid var(--parley-border);padding:12px;overflow-y:auto;font-size:13px}
.pc-visitor h2{font-size:16px;margin-bottom:8px}
.pc-visitor dl{margin:0}
.pc-visitor dt{font-size:11px;text-transform:uppercase;color:var(--parley-muted);margin-top:6px}
.pc-visitor dd{margin:0;overflow-wrap:anywhere}
.pc-item-last{font-style:italic}
.pc-chat-title{flex:1;min-width:0}
.pc-chat-title h2{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.pc-narrow-only{display:none}
@media (max-width:700px){
  .pc-narrow-only{display:inline-block}
  .pc-main{position:relative}
  .pc-side{width:100%;border-right:0}
  .pc-main.pc-has-chat .pc-side{display:none}
  .pc-main:not(.pc-has-chat) .pc-placeholder{display:none}
  .pc-chat-head{padding:6px 8px}
  .pc-actions{width:100%}
  .pc-inline{flex:1 1 100%}
  .pc-inline select{flex:1;max-width:none;min-width:0}
  .pc-visitor{display:none}
  .pc-visitor.pc-open{display:block;position:absolute;inset:0;width:auto;border-left:0;z-index:10}
  .pc-visitor.pc-open>.pc-narrow-only{margin-bottom:12px}
  .pc-canned-menu{width:calc(100vw - 16px)}
}
.pc-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
${ADMIN_CSS}
${MESSAGE_CSS}
`;
