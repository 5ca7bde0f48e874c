// The end-to-end proof of the right of access and of erasure, on SQLite and PostgreSQL: a canary account with
// everything that exists (profile, two API keys, two-step verification with recovery codes, sessions, a consent,
// an access grant by an administrator, mails, an objection, a request to the privacy office, and the exchanges of
// issue 17: a question to the department with its thread and a staff note about them, a discussion and a report, an
// approved and a pending reuse with an image each, a data request, a vote and a comment) asks for its data, gets every
// piece, deletes itself; then neither the database (SQLite file and WAL as raw bytes, PostgreSQL rows) nor any file of
// the data directory (blobs, mail files) holds its address, names, id, keys, session tokens or the texts the map deletes,
// except the erasure confirmation mail the map keeps; what the map keeps (public posts, the approved reuse, the data
// request) stays as written, under the pseudonym.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readFileSync as read } from 'node:fs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { digest } from '../../src/accounts/secrets.ts';
import { base32Decode, totp } from '../../src/accounts/two-factor/totp.ts';
import { subjectKeys } from '../../src/privacy/subject-keys.ts';
import { fixture } from '../helpers/engine.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn as staffSignedIn } from '../helpers/staff.ts';
import { dialects } from '../helpers/stores.ts';
import { codesOn, secretOn } from '../helpers/two-factor.ts';
import { visitor, type Visitor } from '../helpers/visitor.ts';

const password = 'paard-batterij-nietje-correct';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every row of every table, as text, with the needles it holds. */
async function rowsHolding(s: ServerHarness, needles: Record<string, string>) {
  const db = s.portal.store.db;
  const hits: { table: string; row: Record<string, unknown>; needles: string[] }[] = [];
  for (const table of await db.introspection.getTables()) {
    // any: a table name from introspection, read whole (a boundary of the test).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    for (const row of await db.selectFrom(table.name as any).selectAll().execute()) {
      const text = JSON.stringify(row).toLowerCase();
      const found = Object.entries(needles).filter(([, n]) => text.includes(n.toLowerCase())).map(([k]) => k);
      if (found.length > 0) hits.push({ table: table.name, row: row as Record<string, unknown>, needles: found });
    }
  }
  return hits;
}

/** Which needles each file of the data directory holds, as raw bytes. */
function filesHolding(dataDir: string, needles: Record<string, string>) {
  const hits: Record<string, string[]> = {};
  for (const file of filesUnder(dataDir)) {
    const bytes = readFileSync(file);
    const found = Object.entries(needles).filter(([, n]) => bytes.includes(Buffer.from(n)) || bytes.includes(Buffer.from(n.toLowerCase()))).map(([k]) => k);
    if (found.length > 0) hits[relative(dataDir, file)] = found;
  }
  return hits;
}

async function keyFrom(v: Visitor, name: string): Promise<string> {
  await v.get('/-/account');
  const response = await v.post('/-/account/api-keys', { key_name: name, days: '30' });
  assert.equal(response.status, 200);
  return /opaal_[A-Za-z0-9_-]{43}/.exec(v.lastPage)![0];
}

for (const dialect of dialects) {
  test(`${dialect}: a canary account gets all its data, deletes itself, and leaves no trace once the confirmation mail is out`, async () => {
    const now = new Date('2026-11-29T09:00:00.000Z');
    const s = await startServer(dialect, {}, { clock: () => now });
    try {
      const db = s.portal.store.db;
      const mark = randomBytes(5).toString('hex');
      const canary = { email: `kanarie.${mark}@example.org`, firstName: `Kanarie${mark}`, lastName: `Vogelaar${mark}` };
      await s.portal.catalog.importDataset({
        datasetId: 'geheime-steden',
        path: fixture('explore/cities.json'),
        input: parseMetadataInput({ ...JSON.parse(read(fixture('explore/cities.meta.json'), 'utf8')), visibility: 'restricted' }),
        actor: 'test',
      });

      // Registration, verification through the mailed link, two sessions.
      const v = visitor(s.url);
      await v.get('/-/account/register');
      assert.equal((await v.post('/-/account/register', { first_name: canary.firstName, last_name: canary.lastName, email: canary.email, password, accept: 'yes' })).status, 200);
      const verifyMail = await db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', canary.email).executeTakeFirstOrThrow();
      const verifyLink = /\/-\/account\/verify\/[A-Za-z0-9_-]+/.exec(verifyMail.text_body)![0];
      await v.get(verifyLink);
      assert.equal((await v.post(verifyLink, {})).status, 200);
      const other = visitor(s.url);
      for (const each of [v, other]) {
        await each.get('/-/account/login');
        assert.equal((await each.post('/-/account/login', { email: canary.email, password })).status, 303);
      }
      const userId = (await db.selectFrom('users').select('id').where('email', '=', canary.email).executeTakeFirstOrThrow()).id;

      // Two API keys, one used; two-step verification with recovery codes; a reset mail; an objection.
      const keys = [await keyFrom(v, `rapport ${mark}`), await keyFrom(v, `script ${mark}`)];
      assert.equal((await s.get('/api/explore/v2.1/catalog/datasets', { headers: { authorization: `Apikey ${keys[0]}` } })).status, 200);
      await v.get('/-/account/two-factor/setup');
      const secret = secretOn(v.lastPage);
      assert.equal((await v.post('/-/account/two-factor/setup', { code: totp(base32Decode(secret), now) })).status, 200);
      const recoveryCodes = codesOn(v.lastPage);
      assert.equal(recoveryCodes.length, 10);
      await v.get('/-/account/reset');
      await v.post('/-/account/reset', { email: canary.email });
      await v.get('/-/account/privacy');
      assert.equal((await v.post('/-/account/privacy/objection', { purpose: 'publishing', objected: 'yes' })).status, 303);
      // A request to the privacy office, signed in: a case with its steps and an acknowledgement mail.
      await v.get('/-/privacy/request');
      assert.equal((await v.post('/-/privacy/request', { type: 'access', message: `Wat weet u over ${canary.lastName}?`, email: canary.email })).status, 200);
      // A question to the department, signed in (issue 17).
      await v.get('/-/contact');
      assert.equal((await v.post('/-/contact', { subject: `Vraag van ${canary.lastName}`, message: `Ik ben ${canary.firstName}.`, website: '' })).status, 303);

      // An administrator grants access to a restricted dataset and revokes one of the keys: audit entries about the canary.
      const admin = await staffSignedIn(s, 'admin', { firstName: `Beheer${mark}`, lastName: 'Der', email: `beheer.${mark}@example.org` });
      await s.portal.admin.grant(admin.accountId, 'geheime-steden', canary.email);
      const secondKey = await db.selectFrom('api_keys').select('id').where('prefix', '=', keys[1].slice(0, 10)).executeTakeFirstOrThrow();
      await s.portal.apiKeys.revokeByAdmin(admin.accountId, secondKey.id);
      // Staff note about the canary and answer them.
      const [question] = await s.portal.requests.inbox({ search: `Vraag van ${canary.lastName}` });
      await s.portal.requests.note(question.id, `Notitie over ${canary.lastName}`, admin.accountId);
      await s.portal.requests.answer(question.id, `Antwoord aan ${canary.firstName}`, admin.accountId);
      // A discussion on the granted dataset: the canary asks, the administrator answers (a mail to the canary), the
      // canary reports the answer. (What a person writes in public stays, author pseudonymised: see the map's reason.)
      const { threadId } = await s.portal.discussions.start({ id: userId, role: 'user', disabledAt: null }, 'geheime-steden', { title: "Vraag over de bron", body: 'Waar komen de cijfers vandaan?' }, 'nl');
      const answer = await s.portal.discussions.reply({ id: admin.accountId, role: 'admin', disabledAt: null }, 'geheime-steden', threadId, { body: 'Uit het register.' }, 'nl');
      assert.equal(await s.portal.discussions.report({ id: userId, role: 'user', disabledAt: null }, answer.postId, `Onvolledig volgens ${canary.lastName}`), true);
      // The canary replies in their question's thread: its whole history is theirs.
      await v.get(`/-/account/requests/${question.id}`);
      assert.equal((await v.post(`/-/account/requests/${question.id}`, { message: `Dank u, wederwoord-${mark}` })).status, 303);
      // Two reuses with an image each: one approved (it stays published, under "former user"), one pending (deleted).
      const image = (words: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`0000000dIHDR${words}`, 'latin1'), Buffer.alloc(32)]);
      const submitReuse = async (title: string, description: string, bytes: Buffer) => {
        await v.get('/-/reuses/new');
        const form = new FormData();
        form.append('_csrf', /name="_csrf" value="([^"]+)"/.exec(v.lastPage)![1]);
        for (const [k, value] of Object.entries({ title, description, url: 'https://kaart.example.org/', type: 'visualisation', datasets: 'geheime-steden' })) form.append(k, value);
        form.append('image', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'beeld.png');
        const response = await fetch(`${s.url}/-/reuses/new`, { method: 'POST', body: form, headers: { cookie: v.cookie!, origin: s.url }, redirect: 'manual' });
        assert.equal(response.status, 200, title);
        return db.selectFrom('reuses').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
      };
      const approved = await submitReuse(`Kaart ${mark}`, `kaartuitleg-${mark}`, image(`beeld-blijft-${mark}`));
      const pending = await submitReuse(`Schets ${mark}`, `schetsuitleg-weg-${mark}`, image(`beeld-weg-${mark}`));
      const adminAccount = await s.portal.accounts.getAccount(admin.accountId);
      await s.portal.reuses.decide(adminAccount!, approved.id, { approve: true });
      // A data request of their own (public, kept under "former user"), and support and a comment on someone else's.
      await v.get('/data-requests');
      assert.equal((await v.post('/data-requests', { title: `Fietstellingen ${mark}`, description: `wensuitleg-${mark}`, website: '' })).status, 303);
      const theirs = await s.portal.wishes.ask(adminAccount!, { title: 'Bomen in de stad', description: 'Voor een studie.' }, 'nl');
      await v.get(`/data-requests/${theirs.id}`);
      assert.equal((await v.post(`/data-requests/${theirs.id}/vote`, {})).status, 303);
      await v.get(`/data-requests/${theirs.id}`);
      assert.equal((await v.post(`/data-requests/${theirs.id}/comment`, { body: `reactie-${mark} van ${canary.firstName}`, website: '' })).status, 303);
      assert.equal((await db.selectFrom('wishes').select('support').where('id', '=', theirs.id).executeTakeFirstOrThrow()).support, 1);
      await s.portal.mailer.flush();

      // Access: the archive holds every piece, and no secret.
      await v.get('/-/account/privacy');
      const made = await v.post('/-/account/privacy/archive', {});
      const file = /archive\/([A-Za-z0-9_-]{32})\.json/.exec(await (await v.get(made.headers.get('location')!)).text())![1];
      const archiveText = await (await v.get(`/-/account/privacy/archive/${file}.json`)).text();
      const reportText = await (await v.get(`/-/account/privacy/archive/${file}.html`)).text();
      const archive = JSON.parse(archiveText);
      const items = Object.assign({}, ...Object.values(archive.data).map((section) => (section as { items: object }).items));
      assert.deepEqual([items.profile.email, items.profile.firstName, items.profile.lastName], [canary.email, canary.firstName, canary.lastName]);
      assert.equal(items.profile.password.set, true);
      assert.equal(items.profile.twoFactor.enabledSince, now.toISOString());
      assert.deepEqual(items.apiKeys.map((k: { name: string; prefix: string }) => [k.name, k.prefix]), [[`rapport ${mark}`, keys[0].slice(0, 10)], [`script ${mark}`, keys[1].slice(0, 10)]]);
      assert.equal(items.apiKeys[0].lastUsedAt, now.toISOString());
      assert.equal(items.apiKeys[1].revokedBy, 'a staff member');
      assert.ok(items.sessions.length >= 2);
      assert.equal(items.recoveryCodes.count, 10);
      assert.deepEqual(items.consents.map((c: { purpose: string }) => c.purpose), ['privacy_statement']);
      assert.deepEqual(items.accessGrants, [{ datasetId: 'geheime-steden', grantedAt: now.toISOString(), grantedBy: 'a staff member' }]);
      const verbs = items.events.map((e: { verb: string }) => e.verb);
      for (const verb of ['account.registered', 'account.verified', 'api_key.created', 'account.two_factor_enabled', 'dataset_grant.added', 'privacy.objection_set']) assert.ok(verbs.includes(verb), verb);
      assert.ok(items.events.filter((e: { verb: string }) => e.verb === 'dataset_grant.added').every((e: { actor: string }) => e.actor === 'a staff member'));
      // A discussion reply quotes someone else: once delivered, the outbox keeps nothing of it (not even for the archive).
      assert.deepEqual(items.mail.map((m: { template: string }) => m.template).sort(), ['accounts.reset', 'accounts.verify', 'privacy.acknowledgement', 'requests.answer', 'requests.registered', 'reuses.approved']);
      // The question with its thread, and the staff note about the canary (part of their archive).
      assert.deepEqual(items.informationRequests.map((r: { subject: string; messages: { kind: string; body: string }[] }) => [r.subject, r.messages.map((m) => [m.kind, m.body])]), [
        [`Vraag van ${canary.lastName}`, [['requester', `Ik ben ${canary.firstName}.`], ['note', `Notitie over ${canary.lastName}`], ['staff', `Antwoord aan ${canary.firstName}`], ['requester', `Dank u, wederwoord-${mark}`]]],
      ]);
      assert.deepEqual(items.discussionThreads.map((t: { title: string }) => t.title), ['Vraag over de bron']);
      assert.deepEqual(items.discussionPosts.map((p: { body: string }) => p.body), ['Waar komen de cijfers vandaan?']);
      // (Both were submitted at the same instant of the test's clock: in the order of their titles.)
      assert.deepEqual(items.reuses.map((r: { title: string; description: string; status: string; hasImage: boolean; datasets: string[] }) => [r.title, r.description, r.status, r.hasImage, r.datasets]).sort(), [
        [`Kaart ${mark}`, `kaartuitleg-${mark}`, 'approved', true, ['geheime-steden']],
        [`Schets ${mark}`, `schetsuitleg-weg-${mark}`, 'pending', true, ['geheime-steden']],
      ]);
      assert.deepEqual(items.dataRequests.map((w: { title: string; description: string }) => [w.title, w.description]), [[`Fietstellingen ${mark}`, `wensuitleg-${mark}`]]);
      assert.deepEqual(items.dataRequestVotes.map((vote: { request: string }) => vote.request), [theirs.id]);
      assert.deepEqual(items.dataRequestComments.map((c: { request: string; body: string }) => [c.request, c.body]), [[theirs.id, `reactie-${mark} van ${canary.firstName}`]]);
      assert.deepEqual(items.discussionReports.map((r: { reason: string }) => r.reason), [`Onvolledig volgens ${canary.lastName}`]);
      assert.deepEqual(items.privacy_cases.map((c: { type: string; message: string }) => [c.type, c.message]), [['access', `Wat weet u over ${canary.lastName}?`]]);
      assert.ok(items.privacy_case_steps.length >= 1);
      assert.deepEqual(items.objections.map((o: { purpose: string }) => o.purpose), ['publishing']);
      assert.ok(archive.information.purposes.length >= 3 && archive.information.rights.length >= 5);
      const userRow = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      const secrets: Record<string, string> = {
        passwordHash: userRow.password_hash!, sealedTotp: userRow.totp_secret!, totpSecret: secret,
        ...Object.fromEntries(keys.flatMap((k, i) => [[`key${i}`, k], [`keyDigest${i}`, digest(k)]])),
        ...Object.fromEntries([v.cookie!, other.cookie!].flatMap((c, i) => [[`cookie${i}`, c.split('=')[1]], [`sessionId${i}`, digest(c.split('=')[1])]])),
        recoveryCode: recoveryCodes[0], recoveryDigest: (await db.selectFrom('recovery_codes').select('digest').where('user_id', '=', userId).executeTakeFirstOrThrow()).digest,
        adminId: admin.accountId, adminName: `Beheer${mark}`, adminEmail: `beheer.${mark}`,
      };
      for (const [name, value] of Object.entries(secrets)) {
        assert.ok(!archiveText.includes(value), `the archive holds no ${name}`);
        assert.ok(!reportText.includes(value), `the report holds no ${name}`);
      }

      // Before the erasure, what it must delete is there to find: in rows, and the pending image as a file.
      const written = { requestReply: `wederwoord-${mark}`, pendingReuse: `schetsuitleg-weg-${mark}`, comment: `reactie-${mark}`, note: `Notitie over ${canary.lastName}` };
      assert.deepEqual([...new Set((await rowsHolding(s, written)).flatMap((h) => h.needles))].sort(), Object.keys(written).sort());
      assert.ok(Object.keys(filesHolding(s.env.dataDir, { pendingImage: `beeld-weg-${mark}` })).some((f) => f.startsWith('blobs')), 'the pending image is a file');

      // Erasure, confirmed with the password.
      await v.get('/-/account/privacy');
      assert.equal((await v.post('/-/account/privacy/delete', { password })).status, 200);
      await s.portal.mailer.flush();
      for (const key of keys) assert.equal((await s.get('/api/explore/v2.1/catalog/datasets', { headers: { authorization: `Apikey ${key}` } })).status, 401);

      const needles: Record<string, string> = {
        email: canary.email, firstName: canary.firstName, lastName: canary.lastName, userId,
        key0: keys[0], key1: keys[1], keyDigest0: secrets.keyDigest0, keyDigest1: secrets.keyDigest1,
        cookie0: secrets.cookie0, cookie1: secrets.cookie1, sessionId0: secrets.sessionId0, sessionId1: secrets.sessionId1,
        // What the map deletes of what they wrote: their question's thread (the staff note about them with it), the
        // pending reuse and its image, their comment and their report.
        requestReply: `wederwoord-${mark}`, pendingReuse: `schetsuitleg-weg-${mark}`, pendingImage: `beeld-weg-${mark}`, comment: `reactie-${mark}`,
      };
      // The database: no row holds any of it; the confirmation mail, once delivered, kept nothing of the address.
      const rows = await rowsHolding(s, needles);
      assert.deepEqual(rows.map((h) => [h.table, h.row.template, h.needles]), []);
      const confirmation = await db.selectFrom('mail_outbox').selectAll().where('template', '=', 'privacy.erased').executeTakeFirstOrThrow();
      assert.deepEqual([confirmation.status, confirmation.to_address, confirmation.text_body], ['sent', '', '']);
      const confirmationId = Number(confirmation.id);
      // What the map keeps is pseudonymised.
      const pseudonym = subjectKeys(s.portal.config).pseudonym(userId);
      assert.deepEqual((await db.selectFrom('consents').select('user_id').execute()).map((c) => c.user_id), [pseudonym]);
      const kept = await db.selectFrom('events').select(['actor', 'subject_id', 'verb']).where((eb) => eb.or([eb('actor', '=', pseudonym), eb('subject_id', '=', pseudonym)])).execute();
      for (const verb of ['account.registered', 'api_key.created', 'dataset_grant.added', 'account.erased']) assert.ok(kept.some((e) => e.verb === verb), `${verb} kept under the pseudonym`);
      assert.equal((await db.selectFrom('erasure_ledger').selectAll().execute()).length, 1);
      // The discussion stays readable, its author pseudonymised; the report is gone.
      assert.deepEqual((await db.selectFrom('discussion_posts').select('author_id').where('body', '=', 'Waar komen de cijfers vandaan?').execute()).map((p) => p.author_id), [pseudonym]);
      assert.equal((await db.selectFrom('discussion_reports').selectAll().execute()).length, 0);
      assert.deepEqual(await db.selectFrom('discussion_threads').select(['title', 'author_id']).execute(), [{ title: 'Vraag over de bron', author_id: pseudonym }]);
      // The question is gone with its whole thread, the staff note and answer included.
      assert.deepEqual(await db.selectFrom('information_requests').select('id').execute(), []);
      assert.deepEqual(await db.selectFrom('request_messages').select('id').execute(), []);
      // The approved reuse stays published as submitted, with its image, under the pseudonym; the pending one is gone.
      assert.deepEqual(await db.selectFrom('reuses').select(['id', 'title', 'description', 'user_id', 'image_key']).execute(), [
        { id: approved.id, title: `Kaart ${mark}`, description: `kaartuitleg-${mark}`, user_id: pseudonym, image_key: approved.image_key },
      ]);
      assert.ok(readFileSync(join(s.env.dataDir, 'blobs', approved.image_key!)).includes(Buffer.from(`beeld-blijft-${mark}`)), 'the approved image stays');
      assert.equal((await s.get(`/reuses/${approved.id}/image`)).status, 200);
      assert.equal(existsSync(join(s.env.dataDir, 'blobs', pending.image_key!)), false, 'the pending image is gone');
      // Their data request stays public under the pseudonym; their vote and comment are gone, and the count with them.
      assert.deepEqual(await db.selectFrom('wishes').select(['title', 'description', 'user_id', 'support']).orderBy('title').execute(), [
        { title: 'Bomen in de stad', description: 'Voor een studie.', user_id: admin.accountId, support: 0 },
        { title: `Fietstellingen ${mark}`, description: `wensuitleg-${mark}`, user_id: pseudonym, support: 0 },
      ]);
      assert.deepEqual(await db.selectFrom('wish_votes').selectAll().execute(), []);
      assert.deepEqual(await db.selectFrom('wish_comments').selectAll().execute(), []);
      assert.doesNotMatch(await (await s.get(`/data-requests`)).text(), new RegExp(canary.firstName));
      // The case stays as proof of having handled the request, naming the pseudonym; its message is gone.
      const cases = await db.selectFrom('privacy_cases').select(['requester_email', 'user_id', 'message']).execute();
      assert.deepEqual(cases, [{ requester_email: `${pseudonym}@erased.invalid`, user_id: pseudonym, message: null }]);

      // The data directory, byte for byte: only the confirmation's .eml holds the address; no archive is left.
      const files = filesHolding(s.env.dataDir, needles);
      const expected: Record<string, string[]> = { [join('mail', `${String(confirmationId).padStart(8, '0')}.eml`)]: ['email'] };
      if (dialect === 'sqlite') {
        // The confirmation's row as it was before delivery may sit in the file or its log until pages are reused.
        const inDatabase = Object.entries(files).filter(([f]) => f.startsWith('opaal.sqlite'));
        assert.ok(inDatabase.length > 0 && inDatabase.every(([, found]) => found.join() === 'email'), JSON.stringify(inDatabase));
        for (const [f] of inDatabase) delete files[f];
      }
      assert.deepEqual(files, expected);
      assert.deepEqual(readdirSync(join(s.env.dataDir, 'archives')), []);

      if (dialect === 'sqlite') {
        // When the mail retention takes the confirmation, not a byte of the address is left in the file or its log.
        await db.deleteFrom('mail_outbox').where('id', '=', confirmationId).execute();
        await s.portal.mailer.flush();
        const { sql } = await import('kysely');
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
        const left = filesHolding(s.env.dataDir, needles);
        assert.deepEqual(Object.keys(left).filter((f) => f.startsWith('opaal.sqlite')), []);
      }
    } finally {
      await s.close();
    }
  });
}
