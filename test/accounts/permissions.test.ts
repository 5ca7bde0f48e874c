// The rule table: every role against every action, written out, so a changed rule is a visible change here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actions, allowedActions, can, type Action } from '../../src/accounts/permissions.ts';
import { roles, type Role } from '../../src/accounts/types.ts';

const expected: Record<Role, Action[]> = {
  user: [],
  editor: ['dataset.create', 'dataset.edit', 'dataset.publish', 'dataset.delete', 'requests.handle', 'stats.read'],
  dpo: ['audit.read', 'privacy.manage'],
  admin: ['dataset.create', 'dataset.edit', 'dataset.publish', 'dataset.delete', 'users.manage', 'grants.manage', 'audit.read', 'delivery.manage', 'privacy.manage', 'requests.handle', 'stats.read'],
};

test('each role may take exactly the actions the table gives it', () => {
  for (const role of roles) {
    for (const action of actions) {
      assert.equal(can({ role, disabledAt: null }, action), expected[role].includes(action), `${role} → ${action}`);
    }
    assert.deepEqual(allowedActions({ role, disabledAt: null }), expected[role]);
  }
});

test('nobody signed in and a disabled account may do nothing', () => {
  for (const action of actions) {
    assert.equal(can(null, action), false);
    assert.equal(can({ role: 'admin', disabledAt: '2026-01-01T00:00:00.000Z' }, action), false);
  }
});
