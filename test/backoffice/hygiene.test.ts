// Publishing hygiene: a contact point that looks like a person's address is flagged, and one click puts the team mailbox in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { looksPersonal } from '../../src/backoffice/hygiene.ts';
import { staffAudience } from '../../src/catalog/service.ts';
import { listEvents } from '../../src/events/store.ts';
import { openPortal } from '../../src/portal.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

test('first.last, an initial and a name, or names joined by _ or - look personal; team and service words do not', () => {
  for (const email of ['jan.peeters@gemeente.be', 'j.peeters@gemeente.be', 'jan_de_smet@x.be', 'marie-claire.dubois@x.be', 'émile.zola@x.fr']) assert.ok(looksPersonal(email), email);
  for (const email of ['info@gemeente.be', 'opendata@gemeente.be', 'open.data@gemeente.be', 'dienst.statistiek@x.be', 'team-gis@x.be', 'no-reply@x.be', 'data2024.export@x.be']) {
    assert.ok(!looksPersonal(email), email);
  }
});

for (const dialect of dialects) {
  test(`${dialect}: an address is an account holder's when it is their own or names them, spaces and case aside`, async () => {
    const env = await testEnvironment(dialect);
    const portal = await openPortal(env.config);
    try {
      const at = new Date().toISOString();
      await portal.store.db.insertInto('users').values({
        id: 'u_desmet', email: 'anne@example.org', first_name: 'Anne', last_name: 'De Smet', display_name: null, password_hash: null,
        password_changed_at: null, role: 'user', email_verified_at: at, totp_secret: null, totp_enabled_at: null, created_at: at, last_active_at: at, disabled_at: null,
      }).execute();
      for (const email of ['Anne@Example.org', 'anne.desmet.gis@stad.be', 'desmet_anne@stad.be']) assert.ok(await portal.accounts.addressNamesAccountHolder(email), email);
      for (const email of ['anne@stad.be', 'desmet@stad.be', 'anne.peeters@stad.be']) assert.ok(!(await portal.accounts.addressNamesAccountHolder(email)), email);
    } finally {
      await portal.close();
      await env.cleanup();
    }
  });
}

let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer('sqlite', { CONTACT_EMAIL: 'opendata@gemeente.example' });
  editor = await signedIn(s, 'editor');
  await s.portal.catalog.createDataset({ id: 'contact', input: { metadata: { title: { nl: 'Contact' } } }, actor: 'test' });
});
after(() => s.close());

const form = (email: string) =>
  new URLSearchParams({ _csrf: editor.csrf, title_nl: 'Contact', contact_name: 'Jan Peeters', contact_email: email, access_rights: 'PUBLIC', visibility: 'public' });

test('the metadata page warns about a personal contact address and swaps in the functional mailbox', async () => {
  const saved = await editor.send('POST', '/-/admin/datasets/contact/metadata', { body: form('jan.peeters@gemeente.be'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(saved.status, 303);
  await editor.get('/-/admin/datasets/contact/metadata');
  assert.match(editor.lastPage, /Dit contactadres lijkt van een persoon/);
  assert.match(editor.lastPage, /jan\.peeters@gemeente\.be lijkt het adres van een medewerker/);
  assert.match(editor.lastPage, /<button type="submit" class="secondary">opendata@gemeente\.example gebruiken<\/button>/);

  const swapped = await editor.post('/-/admin/datasets/contact/contact', {});
  assert.equal(swapped.status, 303);
  assert.equal(swapped.headers.get('location'), '/-/admin/datasets/contact/metadata?done=contact');
  const contact = (await s.portal.catalog.getDataset('contact', staffAudience)).metadata.contactPoint;
  assert.deepEqual(contact, { name: 'Jan Peeters', email: 'opendata@gemeente.example', url: null });
  await editor.get('/-/admin/datasets/contact/metadata?done=contact');
  assert.doesNotMatch(editor.lastPage, /lijkt van een persoon/);
  assert.match(editor.lastPage, /gebruikt nu de functionele mailbox/);
  await editor.get('/en/-/admin/datasets/contact/metadata');
  assert.doesNotMatch(editor.lastPage, /looks like a person/);

  const events = await listEvents(s.portal.store.db, 'dataset', 'contact');
  assert.ok(events.every((e) => !e.data.includes('peeters') && !e.data.includes('Peeters')), 'the address is not copied into the audit log');
});

test('an address that is an account holder\'s own warns too, in English under /en', async () => {
  await signedIn(s, 'user', { email: 'els@gemeente.be', firstName: 'Els', lastName: 'Vermeulen' });
  await editor.send('POST', '/-/admin/datasets/contact/metadata', { body: form('els@gemeente.be'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  await editor.get('/en/-/admin/datasets/contact/metadata');
  assert.match(editor.lastPage, /This contact address looks like a person’s/);
  assert.match(editor.lastPage, /Use opendata@gemeente\.example/);
});

test('a form with bad values comes back with each problem at its field and the values as typed', async () => {
  const body = form('geen-adres');
  body.set('landing_page', 'ftp://example.org');
  body.set('temporal_start', '31/12/2024');
  body.set('title_nl', '');
  const response = await editor.send('POST', '/-/admin/datasets/contact/metadata', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(response.status, 400);
  const page = await response.text();
  for (const [control, text] of [['contact_email', 'Geef een geldig e-mailadres'], ['landing_page', 'Geef een webadres'], ['temporal_start', 'Geef datums'], ['title_nl', 'Geef een titel']]) {
    assert.match(page, new RegExp(`<a href="#${control}">${text}`), control);
    assert.match(page, new RegExp(`id="${control}" name="${control}"[^>]*aria-invalid="true"`), control);
  }
  assert.match(page, /value="geen-adres"/);
  assert.equal((await s.portal.catalog.getDataset('contact', staffAudience)).metadata.title.nl, 'Contact', 'nothing saved');
});
