// The privacy office's settings: controller, DPO, authority and a legal basis per purpose, with precise refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { purposes } from '../../src/personal-data/vocabulary.ts';

test('defaults: the publisher is the controller, the contact address reaches the DPO, the VTC hears complaints, each purpose has its default basis', () => {
  const config = loadConfig({ PUBLISHER_NAME: 'Departement WSE', CONTACT_EMAIL: 'opendata@wse.example' });
  assert.equal(config.privacyController, 'Departement WSE');
  assert.equal(config.dpoEmail, 'opendata@wse.example');
  assert.equal(config.privacyAuthority, 'vtc');
  assert.equal(config.privacyDpoName, null);
  assert.equal(config.privacyControllerAddress, null);
  for (const [id, purpose] of Object.entries(purposes)) assert.equal(config.privacyBases[id as keyof typeof purposes], purpose.defaultBasis);
});

test('each purpose takes its own basis from PRIVACY_BASIS_<PURPOSE>', () => {
  const config = loadConfig({ PRIVACY_BASIS_ACCOUNTS: 'contract', PRIVACY_AUTHORITY: 'gba', PRIVACY_DPO_EMAIL: 'dpo@wse.example', PRIVACY_PUBLIC_TASK_LAW: 'Open-datadecreet van 12 juli 2024' });
  assert.equal(config.privacyBases.accounts, 'contract');
  assert.equal(config.privacyBases.security, 'legal_obligation');
  assert.equal(config.privacyAuthority, 'gba');
  assert.equal(config.dpoEmail, 'dpo@wse.example');
  assert.equal(config.privacyPublicTaskLaw, 'Open-datadecreet van 12 juli 2024');
});

const bad: [Record<string, string>, RegExp][] = [
  [{ PRIVACY_BASIS_ACCOUNTS: 'legitimate_interests' }, /^Invalid PRIVACY_BASIS_ACCOUNTS: a public body may not rest its tasks on legitimate interests \(GDPR Art\. 6\(1\), last sentence\); use one of consent, contract, legal_obligation, public_task\.$/],
  [{ PRIVACY_BASIS_PUBLISHING: 'vital' }, /^Invalid PRIVACY_BASIS_PUBLISHING: "vital" is not one of consent, contract, legal_obligation, public_task\.$/],
  [{ PRIVACY_BASIS_SECURITY: 'consent' }, /^Invalid PRIVACY_BASIS_SECURITY: consent cannot be the basis of "security", which the law requires/],
  [{ PRIVACY_AUTHORITY: 'cnil' }, /^Invalid PRIVACY_AUTHORITY: "cnil" is not one of vtc, gba\.$/],
  [{ PRIVACY_DPO_EMAIL: 'dpo-at-example' }, /^Invalid PRIVACY_DPO_EMAIL: "dpo-at-example" is not an email address\.$/],
  [{ PRIVACY_CONTROLLER: '   ' }, /^Invalid PRIVACY_CONTROLLER: "   " is not a non-empty value\.$/],
];
for (const [env, message] of bad) {
  test(`refuses ${JSON.stringify(env)} with one line naming the setting`, () => {
    assert.throws(() => loadConfig(env), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, message);
      assert.ok(!error.message.includes('\n'));
      return true;
    });
  });
}
