// The module registry covers the map: each table with personal data has exactly one module, with exporter and eraser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personalDataMap } from '../../src/personal-data/map.ts';
import { personalDataModules } from '../../src/privacy/modules.ts';
import { registryProblems, type PersonalDataModule } from '../../src/personal-data/registry.ts';

test('every table holding personal data is owned by exactly one registered module with an exporter and an eraser', () => {
  assert.deepEqual(registryProblems(personalDataModules, personalDataMap), []);
});

test('the registry check fails for an unowned table, a table owned twice, and a module without exporter or eraser', () => {
  const withoutMail = personalDataModules.filter((m) => m.name !== 'mail');
  assert.ok(registryProblems(withoutMail, personalDataMap).includes('table mail_outbox holds personal data and is owned by no module'));
  const twice = [...personalDataModules, { ...personalDataModules[0], name: 'copy' }];
  assert.ok(registryProblems(twice, personalDataMap).some((p) => p.startsWith('table datasets') && p.includes('copy')));
  const broken = { name: 'later', tables: ['users'] } as unknown as PersonalDataModule;
  const problems = registryProblems([...personalDataModules.filter((m) => m.name !== 'account'), broken], personalDataMap);
  assert.ok(problems.includes('module later has no exporter'));
  assert.ok(problems.includes('module later has no eraser'));
  const future = { ...personalDataMap, follows: { user_id: { personal: true } } };
  assert.ok(registryProblems(personalDataModules, future).includes('table follows holds personal data and is owned by no module'));
});
