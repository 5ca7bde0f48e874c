// Sealing secrets at rest: the key file made once with mode 0600, SECRET_KEY instead of it, values bound to their owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { createSecretBox, portalKey } from '../../src/accounts/secret-box.ts';
import { tempDir } from '../helpers/stores.ts';

test('makes <data>/secret.key with mode 0600 when first needed, and reads the same key afterwards', () => {
  const dir = tempDir();
  try {
    const key = portalKey({ dataDir: dir.path, secretKey: null });
    const file = join(dir.path, 'secret.key');
    assert.equal(existsSync(file), false, 'nothing is made before a secret is sealed');
    const sealed = createSecretBox(key).seal('JBSWY3DPEHPK3PXP', 'u_1');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32);
    const again = createSecretBox(portalKey({ dataDir: dir.path, secretKey: null }));
    assert.equal(again.open(sealed, 'u_1'), 'JBSWY3DPEHPK3PXP', 'a restart opens what was sealed before');
  } finally {
    dir.remove();
  }
});

test('SECRET_KEY takes the place of the file, and a bad one stops start-up without repeating it', () => {
  const dir = tempDir();
  try {
    const hex = randomBytes(32).toString('hex');
    const config = loadConfig({ OPAAL_DATA: dir.path, SECRET_KEY: hex });
    const box = createSecretBox(portalKey(config));
    const sealed = box.seal('secret', 'u_1');
    assert.equal(existsSync(join(dir.path, 'secret.key')), false);
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    assert.equal(createSecretBox(portalKey(loadConfig({ OPAAL_DATA: dir.path, SECRET_KEY: base64 }))).open(sealed, 'u_1'), 'secret', 'hex and base64 are the same key');
    const bad = 'not-a-key-but-a-password-someone-typed';
    assert.throws(() => loadConfig({ SECRET_KEY: bad }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^Invalid SECRET_KEY: it is not 32 bytes/);
      assert.ok(!error.message.includes(bad));
      return true;
    });
  } finally {
    dir.remove();
  }
});

test('a sealed value opens only for its owner, with its key, unaltered', () => {
  const box = createSecretBox(() => Buffer.alloc(32, 1));
  const sealed = box.seal('JBSWY3DPEHPK3PXP', 'u_1');
  assert.equal(box.open(sealed, 'u_1'), 'JBSWY3DPEHPK3PXP');
  assert.notEqual(box.seal('JBSWY3DPEHPK3PXP', 'u_1'), sealed, 'a fresh nonce every time');
  assert.throws(() => box.open(sealed, 'u_2'), /does not open/, 'copied to another account it is useless');
  assert.throws(() => createSecretBox(() => Buffer.alloc(32, 2)).open(sealed, 'u_1'), /does not open/);
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  bytes[bytes.length - 1] ^= 1;
  assert.throws(() => box.open(`v1.${bytes.toString('base64url')}`, 'u_1'), /does not open/);
});
