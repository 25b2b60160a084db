/** The admin pages' styles (added to the console's): cards that wrap, a single column under 700 px. */
export const ADMIN_CSS = `
.pa-admin{flex:1;display:flex;min-height:0}
.pa-tabs{width:200px;background:var(--parley-bg);border-right:1px solid var(--parley-border);padding:12px;display:flex;flex-direction:column;gap:4px;overflow-y:auto}
.pa-tabs a{color:var(--parley-text);text-decoration:none;padding:8px;border-radius:8px}
.pa-tabs a:hover{background:var(--parley-bg-soft)}
.pa-tabs .pa-current{background:#eef3ff;color:var(--parley-accent);font-weight:600}
.pa-back{color:var(--parley-muted)!important;font-size:13px}
.pa-body{flex:1;overflow-y:auto;padding:16px;min-width:0}
.pa-page{max-width:900px;display:flex;flex-direction:column;gap:12px}
.pa-page h2{font-size:20px}
.pa-page h3{font-size:15px;margin:8px 0 0}
.pa-page h4{font-size:13px;margin:0}
.pa-form{background:var(--parley-bg);border:1px solid var(--parley-border);border-radius:10px;padding:12px;display:flex;flex-direction:column;gap:10px}
.pa-inline-form{flex-basis:100%;border:0;padding:8px 0 0;background:none}
.pa-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:10px;align-items:end}
.pa-form select,.pa-form textarea,.pa-copy textarea{font:inherit;padding:8px;border:1px solid var(--parley-border);border-radius:8px;min-width:0}
.pa-form [aria-invalid=true]{border-color:var(--parley-error)}
.pa-actions{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.pa-cards{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
.pa-card-row{background:var(--parley-bg);border:1px solid var(--parley-border);border-radius:10px;padding:10px;display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between}
.pa-card-main{flex:1 1 260px;min-width:0;overflow-wrap:anywhere}
.pa-facts{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--parley-muted);margin-top:4px}
.pa-badge{font-size:11px;border-radius:8px;padding:1px 6px;background:var(--parley-bg-soft);border:1px solid var(--parley-border)}
.pa-active,.pa-online,.pa-healthy,.pa-delivered{border-color:#1f9d55;color:#1f7a45}
.pa-deactivated,.pa-failed,.pa-paused,.pa-failing{border-color:var(--parley-error);color:var(--parley-error)}
.pa-checks{border:1px solid var(--parley-border);border-radius:8px;display:flex;flex-wrap:wrap;gap:6px 14px;padding:8px}
.pa-check{display:flex;gap:6px;align-items:center}
.pa-colour{display:flex;gap:6px}
.pa-colour input:first-child{flex:1;min-width:0}
.pa-colour input[type=color]{width:44px;padding:2px;height:auto}
.pa-prechat{border:1px solid var(--parley-border);border-radius:8px;padding:8px;display:flex;flex-direction:column;gap:8px;min-width:0}
.pa-fields{margin:0;padding-left:20px;display:flex;flex-direction:column;gap:8px}
.pa-field-row{border-bottom:1px dashed var(--parley-border);padding-bottom:8px;display:flex;flex-direction:column;gap:6px}
.pa-copy{display:flex;flex-direction:column;gap:6px}
.pa-copy label{display:flex;flex-direction:column;gap:4px}
.pa-copy textarea{font-family:monospace;font-size:12px;width:100%;resize:vertical}
.pa-result{background:#f1fbf4;border:1px solid #9ad3ae;border-radius:10px;padding:10px;display:flex;flex-direction:column;gap:8px}
.pa-result>button{align-self:flex-start}
.pa-confirm{display:flex;flex-wrap:wrap;gap:6px;align-items:center;font-size:13px}
.pa-deliveries{flex-basis:100%;display:flex;flex-direction:column;gap:6px}
.pa-detail{display:block;font-size:11px;color:var(--parley-muted);overflow-wrap:anywhere;margin-top:4px}
.pa-url{overflow-wrap:anywhere}
.pc-admin-link{color:inherit;border:1px solid rgba(255,255,255,.5);border-radius:8px;padding:4px 10px;text-decoration:none}
@media (max-width:700px){
  .pa-admin{flex-direction:column}
  .pa-tabs{width:auto;flex-direction:row;overflow-x:auto;border-right:0;border-bottom:1px solid var(--parley-border);padding:6px;flex-shrink:0}
  .pa-tabs a{white-space:nowrap}
  .pa-body{padding:10px}
  .pa-grid{grid-template-columns:1fr}
}
`;
