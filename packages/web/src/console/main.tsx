import { render } from 'preact';
import { ConsoleApp } from './app.js';
import { linkRoute } from './link-route.js';
import { ConsoleController } from './console-controller.js';
import { CONSOLE_CSS } from './styles.js';

/** The agent console, served by the Parley server at `/console/` (same origin as the API). */
const style = document.createElement('style');
style.textContent = CONSOLE_CSS;
document.head.appendChild(style);
const ctl = new ConsoleController(location.origin);
const root = document.getElementById('app');
if (root) render(<ConsoleApp ctl={ctl} />, root);
// A pasted token (this tab, or `#token=…`) first; else the refresh cookie of an earlier sign-in.
// A link's page (set-up, invitation, reset) starts without a session.
const token = linkRoute(location.hash) ? '' : ConsoleController.savedToken();
if (token) void ctl.login(token);
else if (!linkRoute(location.hash)) void ctl.resume();
