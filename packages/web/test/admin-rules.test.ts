// The admin pages' rules that need no browser: which address opens which page, who sees them, and
// where a refusal from the server is shown.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminRoute, isAdminRole } from '../src/console/admin/admin-page.js';
import { fieldErrorsOf } from '../src/console/admin/admin-ui.js';
import { AuthError } from '../src/console/auth-api.js';

describe('admin pages: addresses, roles, errors', () => {
  it('an address opens its page; #/admin alone opens Agents; an unknown page opens Agents; other addresses none', () => {
    assert.equal(adminRoute('#/admin'), 'agents');
    assert.equal(adminRoute('#/admin/widget'), 'widget');
    assert.equal(adminRoute('#/admin/api-keys'), 'api-keys');
    assert.equal(adminRoute('#/admin/nope'), 'agents');
    assert.equal(adminRoute('#/'), null);
    assert.equal(adminRoute('#/accept?token=x'), null);
    assert.equal(adminRoute('#/administrator'), null);
  });

  it('only owners and admins see them', () => {
    assert.deepEqual(['owner', 'admin', 'supervisor', 'agent', '', undefined].map(isAdminRole), [true, true, false, false, false, false]);
  });

  it('a validation error goes under the deepest field its path is inside of; anything else to the whole form', () => {
    const invalid = (path: string) => new AuthError('E_VALIDATION', `${path}: bad`, 400, path);
    const fields = ['primaryColor', 'prechatFields', 'prechatFields/1'];
    assert.deepEqual(fieldErrorsOf(invalid('/primaryColor'), fields), { primaryColor: '/primaryColor: bad' });
    assert.deepEqual(fieldErrorsOf(invalid('/prechatFields/1/options/0'), fields), { 'prechatFields/1': '/prechatFields/1/options/0: bad' });
    assert.deepEqual(fieldErrorsOf(invalid('/prechatFields'), fields), { prechatFields: '/prechatFields: bad' });
    assert.deepEqual(fieldErrorsOf(invalid('/primaryColorX'), fields), { form: '/primaryColorX: bad' }, 'a prefix of a name is not the field');
    assert.deepEqual(fieldErrorsOf(invalid(''), fields), { form: ': bad' });
    assert.deepEqual(fieldErrorsOf(new AuthError('E_FORBIDDEN', 'Not allowed', 403, '/primaryColor'), fields), { form: 'Not allowed' });
    assert.deepEqual(fieldErrorsOf(new Error('boom'), fields), { form: 'boom' });
  });
});
