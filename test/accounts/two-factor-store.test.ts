// The second factor's rules over a real store, on SQLite and PostgreSQL alike: pending, confirmed, once per step, codes once, off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, matchingStep, totp } from '../../src/accounts/two-factor/totp.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

const strong = 'paard-batterij-nietje-correct';

async function withPortal(dialect: (typeof dialects)[number], work: (portal: Portal, clock: { now: Date }) => Promise<void>) {
  const env = await testEnvironment(dialect);
  const clock = { now: new Date('2026-03-02T08:00:10Z') };
  const portal = await openPortal(env.config, { clock: () => clock.now });
  try {
    await work(portal, clock);
  } finally {
    await portal.close();
    await env.cleanup();
  }
}

for (const dialect of dialects) {
  test(`${dialect}: a second factor through its life: pending, confirmed, good once per step, recovery codes once, wrong codes counted, off`, () =>
    withPortal(dialect, async (portal, clock) => {
      const tf = portal.twoFactor;
      const { account, link } = await portal.accounts.createAccount({ email: 'tf@example.org', role: 'user', actor: 'test' });
      await portal.accounts.resetPassword(new URL(link).pathname.split('/').pop()!, strong, 'set_password');
      const next = () => (clock.now = new Date(clock.now.getTime() + 30_000));

      const { secret, uri } = await tf.pendingSecret(account);
      assert.equal(uri, `otpauth://totp/Opaal:tf%40example.org?secret=${secret}&issuer=Opaal&algorithm=SHA1&digits=6&period=30`);
      assert.deepEqual(await tf.pendingSecret(account), { secret, uri }, 'the pending key stays until confirmed');
      const code = () => totp(base32Decode(secret), clock.now);
      await assert.rejects(tf.verify(account.id, code(), 'a'), { reason: 'two_factor_off' }, 'a pending key signs no one in');

      const codes = await tf.enable(account, code());
      assert.equal(codes.length, 10);
      await assert.rejects(tf.enable(account, code()), { reason: 'two_factor_on' });
      await assert.rejects(tf.pendingSecret(account), { reason: 'two_factor_on' }, 'no new key while one is on');
      await assert.rejects(tf.verify(account.id, code(), 'a'), { reason: 'code_invalid' }, 'the confirming code is spent');

      next();
      const twice = await Promise.allSettled([tf.verify(account.id, code(), 'a'), tf.verify(account.id, code(), 'a')]);
      assert.deepEqual(twice.map((r) => r.status).sort(), ['fulfilled', 'rejected'], 'two requests with one code: one wins');

      const both = await Promise.allSettled([tf.verify(account.id, codes[0], 'a'), tf.verify(account.id, codes[0], 'a')]);
      assert.deepEqual(both.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      assert.equal((await tf.status(account)).recoveryCodesLeft, 9);

      const signIn = await portal.accounts.signIn({ email: 'tf@example.org', password: strong, address: 'a' });
      assert.equal(signIn.stage, 'password');
      const session = (await portal.accounts.session(signIn.token))!;
      // A code valid for no step around now.
      const wrong = ['000000', '111111', '222222', '333333'].find((c) => matchingStep(base32Decode(secret), c, clock.now) === null)!;
      for (let i = 1; i < 5; i++) await assert.rejects(tf.signInStep(session, wrong, 'b'), { reason: 'code_invalid' });
      await assert.rejects(tf.signInStep(session, wrong, 'b'), { reason: 'too_many_codes' });
      assert.equal(await portal.accounts.session(signIn.token), null, 'the fifth wrong code ends the session');

      next();
      await assert.rejects(tf.disable(account, 'niet-het-wachtwoord', code(), 'a'), { reason: 'wrong_password' });
      await tf.disable(account, strong, code(), 'a');
      assert.deepEqual(await tf.status(account), { enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0 });
      assert.equal(await tf.secretOf(account.id), null);

      const admin = (await portal.accounts.createAccount({ email: 'root@example.org', role: 'admin', actor: 'test' })).account;
      await assert.rejects(tf.disable(admin, strong, '123456', 'a'), { reason: 'two_factor_required' });
    }));
}
