import type { ErrorDetail } from '../errors.js';
import { isHttpUrl } from './common.js';
import type { MenuContent, MenuOption, MenuOptionId, MenuResponseContent } from './menu.js';
import { ruleError, throwIfAny } from './rule-error.js';

/** Option ids compare as text: `0` and `"0"` name the same option. */
const sameId = (a: MenuOptionId, b: MenuOptionId): boolean => String(a) === String(b);

/**
 * Rejects a MENU whose option ids repeat, or whose `open-url` options lack an http(s) `targetUrl`
 * (the widget opens it; `javascript:` or `data:` would run in the visitor's page).
 */
export function checkMenu(menu: MenuContent): void {
  const failures: ErrorDetail[] = [];
  const ids = new Set<string>();
  menu.options.forEach((option, i) => {
    const id = String(option.id);
    if (ids.has(id)) failures.push({ path: `/content/options/${i}/id`, message: 'duplicate option id' });
    ids.add(id);
    if (option.command === 'open-url' && (option.targetUrl === undefined || !isHttpUrl(option.targetUrl))) {
      failures.push({ path: `/content/options/${i}/targetUrl`, message: 'open-url needs an http(s) url' });
    }
  });
  throwIfAny(failures);
}

/**
 * Checks a MENU_RESPONSE against the MENU it names: the option must be one of the menu's (by id) and
 * its `targetUrl`, when given, must be the option's. Returns the menu's option.
 */
export function checkMenuResponse(menu: MenuContent, response: MenuResponseContent): MenuOption {
  const option = menu.options.find((o) => sameId(o.id, response.option.id));
  if (option === undefined) {
    throw ruleError([{ path: '/content/option/id', message: 'not an option of the menu' }]);
  }
  if (response.option.targetUrl !== undefined && response.option.targetUrl !== option.targetUrl) {
    throw ruleError([{ path: '/content/option/targetUrl', message: 'does not match the option' }]);
  }
  return option;
}
