// Erasure and dataset contact points: the catalog finds where a person is still published (contact point address or
// name, or the address elsewhere in the metadata), the erasure report lists it, and an erasure case's page warns with links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { newId } from '../../src/accounts/secrets.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { fixture } from '../helpers/engine.ts';
import { startServer } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

async function dataset(portal: Portal, datasetId: string, metadata: Record<string, unknown>, visibility = 'public') {
  await portal.catalog.importDataset({ datasetId, path: fixture('json/lines.jsonl'), input: parseMetadataInput({ visibility, ...metadata }), actor: 'test' });
}

/** Four datasets: one per way a person can be named, and one that names someone else. */
async function publish(portal: Portal) {
  await dataset(portal, 'by-address', { title: { nl: 'Fietsen', en: 'Bicycles' }, contactPoint: { name: 'Team Mobiliteit', email: 'AN.Peeters@Example.org' } });
  await dataset(portal, 'by-name', { title: { nl: 'Parken' }, contactPoint: { name: 'An  Peeters', email: 'groen@example.org' } });
  await dataset(portal, 'in-text', { title: { nl: 'Meldingen' }, description: { nl: 'Vragen? Mail an.peeters@example.org.' } }, 'restricted');
  await dataset(portal, 'someone-else', { title: { nl: 'Bomen' }, contactPoint: { name: 'Anna Peeters', email: 'anna.peeters@example.org' } });
}

async function user(portal: Portal, email: string) {
  const at = portal.clock().toISOString();
  const id = newId('u');
  await portal.store.db.insertInto('users').values({
    id, email, first_name: 'An', last_name: 'Peeters', display_name: null, password_hash: null, password_changed_at: null, role: 'user',
    email_verified_at: at, totp_secret: null, totp_enabled_at: null, totp_last_step: null, created_at: at, last_active_at: at, disabled_at: null,
  }).execute();
  return id;
}

const expected = [
  { datasetId: 'by-address', found: ['contact_email'] },
  { datasetId: 'by-name', found: ['contact_name'] },
  { datasetId: 'in-text', found: ['metadata'] },
];

for (const dialect of dialects) {
  test(`${dialect}: the catalog finds the person in contact points and metadata, and the erasure report lists those datasets`, async () => {
    const env = await testEnvironment(dialect);
    const portal = await openPortal(env.config);
    try {
      await publish(portal);
      const userId = await user(portal, 'an.peeters@example.org');
      const found = await portal.rights.contactPointsOf({ email: 'an.peeters@example.org', userId });
      assert.deepEqual(found.map(({ datasetId, found }) => ({ datasetId, found })), expected);
      // Without the account only the address is known: the name alone is not searched.
      assert.deepEqual((await portal.rights.contactPointsOf({ email: 'an.peeters@example.org', userId: null })).map((m) => m.datasetId), ['by-address', 'in-text']);
      const report = await portal.rights.eraseAccount(userId, { by: 'dpo', reference: 'PRV-2026-AAAAAA' });
      assert.deepEqual(report.contactPoints.map(({ datasetId, found }) => ({ datasetId, found })), expected);
      assert.deepEqual(report.contactPoints[0].title, { nl: 'Fietsen', en: 'Bicycles' });
    } finally {
      await portal.close();
      await env.cleanup();
    }
  });
}

test('an open erasure case warns the DPO, in Dutch and English, with a link to each dataset\'s metadata page; other cases do not', async () => {
  const s = await startServer('sqlite');
  try {
    await publish(s.portal);
    await user(s.portal, 'an.peeters@example.org');
    const cases = s.portal.privacyCases;
    const erasure = await cases.register({ type: 'erasure', message: '', email: 'an.peeters@example.org', lang: 'nl', channel: 'post', receivedDay: '' }, 'u_dpo');
    const access = await cases.register({ type: 'access', message: '', email: 'an.peeters@example.org', lang: 'nl', channel: 'post', receivedDay: '' }, 'u_dpo');
    const dpo = await signedIn(s, 'dpo');
    const nl = await (await dpo.get(`/-/privacy-office/cases/${erasure.id}`)).text();
    assert.match(nl, /<h2 id="contact-points">Nog gepubliceerd als contactpunt<\/h2>/);
    assert.match(nl, /metadata van 3 datasets/);
    for (const id of ['by-address', 'by-name', 'in-text']) assert.ok(nl.includes(`href="/-/admin/datasets/${id}/metadata"`), id);
    assert.ok(!nl.includes('someone-else'));
    assert.match(nl, /Fietsen: metadata bewerken<\/a> \(e-mailadres van het contactpunt\)/);
    const en = await (await dpo.get(`/en/-/privacy-office/cases/${erasure.id}`)).text();
    assert.match(en, /Still published as a contact point/);
    assert.match(en, /href="\/en\/-\/admin\/datasets\/by-address\/metadata">Bicycles: edit metadata<\/a> \(contact point e-mail address\)/);
    const twin = await (await dpo.get(`/-/privacy-office/cases/${erasure.id}.json`)).json();
    assert.deepEqual(twin.contact_points.map((m: { dataset_id: string }) => m.dataset_id), ['by-address', 'by-name', 'in-text']);
    const other = await (await dpo.get(`/en/-/privacy-office/cases/${access.id}`)).text();
    assert.ok(!other.includes('contact-points'), 'only an erasure case');

    // Erased from the case: the history keeps every dataset, the name-only one included, which the page can no longer find.
    await cases.verifyManually(erasure.id, { method: 'in_person', day: cases.today() }, 'u_dpo');
    await cases.act(erasure.id, { action: 'erasure' }, 'u_dpo', s.portal.rights.caseActions);
    const note = (await cases.steps(erasure.id)).find((step) => step.kind === 'action_erasure')!.note;
    assert.equal(note, 'account erased; still a contact point in datasets: by-address, by-name, in-text');
    const after = await (await dpo.get(`/-/privacy-office/cases/${erasure.id}`)).text();
    assert.ok(after.includes('href="/-/admin/datasets/by-address/metadata"') && !after.includes('href="/-/admin/datasets/by-name/metadata"'));
  } finally {
    await s.close();
  }
});
