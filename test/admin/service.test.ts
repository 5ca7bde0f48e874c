// The administration's rules over a real store, on SQLite and PostgreSQL alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { Conflict, Invalid, NotFound } from '../../src/errors.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { fixture } from '../helpers/engine.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

async function withPortal(dialect: (typeof dialects)[number], work: (portal: Portal) => Promise<void>) {
  const env = await testEnvironment(dialect);
  let tick = Date.UTC(2026, 0, 15, 9, 0, 0);
  const portal = await openPortal(env.config, { clock: () => new Date((tick += 1000)) });
  try {
    await work(portal);
  } finally {
    await portal.close();
    await env.cleanup();
  }
}

const make = async (portal: Portal, email: string, role: 'user' | 'editor' | 'dpo' | 'admin', lastName = 'Peeters') =>
  (await portal.accounts.createAccount({ email, role, lastName, actor: 'test' })).account.id;

for (const dialect of dialects) {
  test(`${dialect}: search ignores case and takes % and _ literally`, async () => {
    await withPortal(dialect, async (portal) => {
      await make(portal, 'an_de@example.org', 'user', 'Van Damme');
      await make(portal, 'anxde@example.org', 'editor', 'Janssens');
      await make(portal, 'zoe@example.org', 'user', '100%');
      const emails = async (q: string, role = '') => (await portal.admin.listUsers({ q, role, page: 1 })).users.map((u) => u.email);
      assert.deepEqual(await emails('VAN DAMME'), ['an_de@example.org']);
      assert.deepEqual(await emails('an_de'), ['an_de@example.org'], '_ is not any character');
      assert.deepEqual(await emails('%'), ['zoe@example.org'], '% is not any text');
      assert.deepEqual(await emails('!'), []);
      assert.deepEqual(await emails('', 'editor'), ['anxde@example.org']);
      const all = await portal.admin.listUsers({ q: '', role: 'nonsense', page: 1 });
      assert.equal(all.total, 3, 'an unknown role filters nothing');
    });
  });

  test(`${dialect}: there is always an active admin`, async () => {
    await withPortal(dialect, async (portal) => {
      const first = await make(portal, 'eerste@example.org', 'admin');
      await assert.rejects(portal.admin.changeRole(first, first, 'user'), Conflict);
      const second = await make(portal, 'tweede@example.org', 'admin');
      await portal.admin.disable(first, second);
      await assert.rejects(portal.admin.changeRole(first, first, 'dpo'), Conflict, 'a disabled admin does not count');
      await portal.admin.enable(first, second);
      await portal.admin.changeRole(first, first, 'dpo');
      assert.equal((await portal.accounts.getAccount(first)).role, 'dpo');
      await assert.rejects(portal.admin.changeRole(second, second, 'editor'), Conflict);
      await portal.admin.changeRole(second, first, 'admin');
      await assert.rejects(portal.admin.changeRole(second, second, 'king'), Invalid);
      await assert.rejects(portal.admin.disable(second, second), Invalid);
    });
  });

  test(`${dialect}: grants, key revocation and the audit log`, async () => {
    await withPortal(dialect, async (portal) => {
      const meta = JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8'));
      await portal.catalog.importDataset({ datasetId: 'geheim', path: fixture('explore/cities.json'), input: parseMetadataInput({ ...meta, visibility: 'restricted' }), actor: 'test' });
      const admin = await make(portal, 'beheer@example.org', 'admin');
      const person = await make(portal, 'lezer@example.org', 'user');
      await portal.admin.grant(admin, 'geheim', 'LEZER@example.org');
      await assert.rejects(portal.admin.grant(admin, 'geheim', 'lezer@example.org'), Conflict);
      assert.deepEqual((await portal.admin.restrictedDatasets()).map((r) => [r.dataset.id, r.grants]), [['geheim', 1]]);
      assert.deepEqual((await portal.admin.grantsOf('geheim')).grants.map((g) => g.email), ['lezer@example.org']);
      await portal.admin.revokeGrant(admin, 'geheim', person);
      await assert.rejects(portal.admin.revokeGrant(admin, 'geheim', person), NotFound);

      await portal.store.db.insertInto('api_keys').values({
        id: 'k1', user_id: person, name: 'Script', prefix: 'opaal_k1', digest: 'd'.repeat(64), created_at: '2026-01-01T00:00:00Z',
        expires_at: '2999-01-01T00:00:00Z', last_used_at: null, revoked_at: null, revoked_by: null,
      }).execute();
      await portal.admin.revokeKey(admin, person, 'k1');
      const key = (await portal.admin.getUser(person)).keys[0];
      assert.equal(key.revokedBy, admin);
      await assert.rejects(portal.admin.revokeKey(admin, person, 'k1'), NotFound);

      const log = await portal.admin.auditLog({ verb: '', actor: 'beheer@example.org', subjectType: '', subject: '' }, 1);
      assert.deepEqual(log.entries.map((e) => e.verb), ['account.key_revoked', 'dataset_grant.removed', 'dataset_grant.added']);
      assert.ok(log.entries.every((e) => e.actorEmail === 'beheer@example.org' && e.subjectEmail === 'lezer@example.org'));
      assert.ok(log.verbs.includes('account.created'));
      const byType = await portal.admin.auditLog({ verb: '', actor: '', subjectType: 'dataset', subject: 'geheim' }, 1);
      assert.ok(byType.entries.some((e) => e.verb === 'dataset.version_published'));
      assert.ok(byType.entries.every((e) => e.subjectType === 'dataset' && e.subjectId === 'geheim' && e.subjectEmail === null));
    });
  });
}
