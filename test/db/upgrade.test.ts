// An upgrade keeps what a portal holds. There are no release tags, so every migration is a release point: on SQLite
// and PostgreSQL, an empty database is migrated to that point, the rows of test/helpers/upgrade-rows.ts are written in
// the columns the schema had then, and the database is migrated to the newest migration. Every row must still be there
// as written, today's services must read it, and the schema must match src/db/schema.ts. A new migration is a new point.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { migrate, migrateTo, openStore } from '../../src/db/index.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { createAccountStore } from '../../src/accounts/store.ts';
import { publicAudience, staffAudience } from '../../src/catalog/service.ts';
import { createCatalogStore } from '../../src/catalog/store.ts';
import { fieldLabel } from '../../src/explore/present.ts';
import { languages } from '../../src/i18n/index.ts';
import { listEvents } from '../../src/events/store.ts';
import { createJobStore } from '../../src/jobs/store.ts';
import { emlPath } from '../../src/mail/personal-data.ts';
import { schemaDifferences } from '../helpers/schema.ts';
import { dialects, testEnvironment, type DialectName } from '../helpers/stores.ts';
import {
  caseId, editor, person, publicDataset, readAt, restrictedDataset, secrets, statementText, upgradeRows, writtenAt, type Row,
  retiredTables,
} from '../helpers/upgrade-rows.ts';

// Rows are written and compared table by table, whatever the table; the typed schema is today's, not the point's.
type AnyDb = Kysely<any>;

/** table → its columns, as the database has them now, but those the database numbers itself. */
async function columnsOf(db: AnyDb): Promise<Map<string, Set<string>>> {
  const tables = await db.introspection.getTables();
  return new Map(tables.map((t) => [t.name, new Set(t.columns.filter((c) => !c.isAutoIncrementing).map((c) => c.name))]));
}

/**
 * Writes each row in the columns its table has at this point; returns what was written, per table. Every table and
 * column of the point must have a value in the rows, so that a new table or column cannot go untested.
 */
async function writeRows(db: AnyDb, point: string): Promise<Map<string, Row[]>> {
  const columns = await columnsOf(db);
  const unwritten = [...columns].flatMap(([table, has]) => {
    const rows = upgradeRows.find(([name]) => name === table)?.[1];
    if (!rows) return [table];
    return [...has].filter((column) => rows.some((row) => !Object.hasOwn(row, column))).map((column) => `${table}.${column}`);
  });
  assert.deepEqual(unwritten, [], `at ${point}, give these tables and columns values in test/helpers/upgrade-rows.ts`);
  const written = new Map<string, Row[]>();
  for (const [table, rows] of upgradeRows) {
    const has = columns.get(table);
    if (!has) continue;
    const kept = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => has.has(column))));
    for (const row of kept) await db.insertInto(table).values(row).execute();
    written.set(table, kept);
  }
  return written;
}

/**
 * Each written row, with the values it was written with, among the rows of its table (numbers may come back as text);
 * for one that is not, the columns in which the nearest row differs.
 */
async function missingRows(db: AnyDb, written: Map<string, Row[]>): Promise<string[]> {
  const same = (a: unknown, b: unknown) => (a === null || b === null ? a === b : String(a) === String(b));
  const missing: string[] = [];
  const present = new Set((await db.introspection.getTables()).map((t) => t.name));
  for (const [table, rows] of written) {
    // A retired table's rows are checked where its migration moved them (readBack).
    if (Object.hasOwn(retiredTables, table) && !present.has(table)) continue;
    const now: Row[] = await db.selectFrom(table).selectAll().execute();
    for (const [index, row] of rows.entries()) {
      const differences = now.map((r) => Object.entries(row).filter(([column, value]) => !same(r[column], value)));
      if (differences.some((d) => d.length === 0)) continue;
      const nearest = differences.sort((a, b) => a.length - b.length)[0];
      missing.push(nearest ? `${table} row ${index + 1}: ${nearest.map(([column, value]) => `${column} was ${JSON.stringify(value)}`).join(', ')}` : `${table} row ${index + 1}: gone`);
    }
  }
  return missing;
}

/** What today's services make of the rows, each check run when every table it reads was there at the point. */
const readBack: { tables: string[]; what: string; check(portal: Portal): Promise<void> }[] = [
  {
    tables: ['users', 'sessions'],
    what: 'the account is found by its address, its session still signs in, its password still works',
    async check(portal) {
      assert.equal((await createAccountStore(portal.store.db).userByEmail(person.email.toUpperCase()))?.id, person.id);
      assert.equal((await portal.accounts.session(secrets.sessionToken))?.account.id, person.id);
      const signedIn = await portal.accounts.signIn({ email: person.email, password: secrets.password, address: '192.0.2.1' });
      assert.equal(signedIn.account.id, person.id);
    },
  },
  {
    tables: ['account_tokens'],
    what: 'a password link sent before still works',
    check: async (portal) => assert.equal(await portal.accounts.linkIsValid(secrets.resetToken, 'reset_password'), true),
  },
  {
    tables: ['api_keys'],
    what: 'the API key still authenticates its owner',
    check: async (portal) => assert.equal((await portal.apiKeys.authenticate(secrets.apiKey))?.account.id, person.id),
  },
  {
    tables: ['consents'],
    what: 'the consent is listed',
    async check(portal) {
      const consents = await portal.rights.consentsOf(person.id);
      assert.deepEqual(consents.map((c) => [c.purpose, c.statementVersion, c.givenAt, c.withdrawnAt]), [['privacy_statement', '1', writtenAt, null]]);
    },
  },
  {
    tables: ['datasets', 'dataset_versions'],
    what: 'the catalog lists the public dataset, published, with its version and fields',
    async check(portal) {
      const listed = await portal.catalog.listDatasets(publicAudience);
      assert.deepEqual(listed.map((d) => [d.id, d.publishedAt, d.recordsCount]), [[publicDataset, writtenAt, 3]]);
      assert.deepEqual(listed[0].fields.map((f) => f.name), ['naam']);
      // A label stored before labels had languages is one text, shown in every language.
      assert.deepEqual(languages.map((lang) => fieldLabel(listed[0].fields[0], lang)), languages.map(() => 'Naam'));
      const versions = await portal.catalog.listVersions(publicDataset, publicAudience);
      assert.deepEqual(versions.map((v) => [v.number, v.publishedAt, v.recordsCount, v.bytes]), [[1, writtenAt, 3, 4096]]);
    },
  },
  {
    tables: ['datasets', 'users', 'dataset_grants'],
    what: 'a grant still opens the restricted dataset',
    async check(portal) {
      const account = await portal.accounts.getAccount(person.id);
      const listed = await portal.catalog.listDatasets(await portal.accounts.audienceOf(account));
      assert.deepEqual(listed.map((d) => d.id), [publicDataset, restrictedDataset]);
    },
  },
  {
    tables: ['events'],
    what: 'the event is in the dataset\'s history',
    async check(portal) {
      const events = await listEvents(portal.store.db, 'dataset', publicDataset);
      assert.deepEqual(events.map((e) => [e.verb, e.actor, JSON.parse(e.data)]), [['dataset.imported', 'cli', { version: 1 }]]);
    },
  },
  {
    tables: ['mail_outbox'],
    what: 'a mail waiting in the outbox is delivered',
    async check(portal) {
      await portal.mailer.flush();
      const rows = await portal.store.db.selectFrom('mail_outbox').select(['id', 'status']).execute();
      assert.deepEqual(rows.map((r) => r.status), ['sent']);
      assert.ok(existsSync(emlPath(portal.config.dataDir, Number(rows[0].id))));
    },
  },
  {
    tables: ['jobs'],
    what: 'a job waiting in the queue is still due, and claimed once',
    async check(portal) {
      const jobs = createJobStore(portal.store.db);
      const due = await jobs.due(readAt, new Date(readAt.getTime() - 60_000), ['dataset.version_published'], 10);
      assert.equal(due.length, 1);
      const claimed = await jobs.claim(due[0], 'upgrade:1:aa', readAt, new Date(readAt.getTime() - 60_000));
      assert.deepEqual(claimed?.payload, { type: 'version_published', datasetId: publicDataset, at: writtenAt, version: 1, previousVersion: null, firstPublication: true });
      assert.equal(await jobs.claim(due[0], 'upgrade:2:bb', readAt, new Date(readAt.getTime() - 60_000)), null);
    },
  },
  {
    tables: ['users', 'recovery_codes'],
    what: 'two-step verification stays on, with its recovery codes',
    async check(portal) {
      const status = await portal.twoFactor.status(await portal.accounts.getAccount(editor.id));
      assert.deepEqual([status.enabled, status.recoveryCodesLeft], [true, 2]);
    },
  },
  {
    tables: ['account_privacy_flags'],
    what: 'an objection stays recorded',
    check: async (portal) => assert.deepEqual((await portal.rights.privacyFlags(person.id)).objections, [{ purpose: 'publishing', since: writtenAt }]),
  },
  {
    tables: ['privacy_cases', 'privacy_case_steps'],
    what: 'the privacy case and its steps are read',
    async check(portal) {
      const c = await portal.privacyCases.get(caseId);
      assert.deepEqual([c?.reference, c?.status, c?.userId, c?.dueAt], ['PRV-2026-UPGR01', 'open', person.id, '2026-02-05']);
      assert.deepEqual((await portal.privacyCases.steps(caseId)).map((s) => s.kind), ['submitted']);
    },
  },
  {
    tables: ['privacy_statements', 'privacy_recipients', 'privacy_breaches'],
    what: 'the published statement reads as it did; the recipient and the breach are in their registers',
    async check(portal) {
      assert.deepEqual((await portal.statements.version(1)).text, statementText);
      assert.deepEqual((await portal.recipients.list()).map((r) => r.name), ['Posthuis BV']);
      assert.deepEqual((await portal.breaches.list()).map((b) => [b.id, b.categories]), [['b_upgrade', ['contact']]]);
    },
  },
  {
    tables: ['webhooks', 'webhook_deliveries'],
    what: 'the webhook is listed with its delivery',
    check: async (portal) => {
      const [hook] = await portal.webhooks.listOf(person.id);
      assert.deepEqual([hook?.url, hook?.state, hook?.deliveries.map((d) => d.status)], ['https://hooks.example.org/opaal', 'active', ['delivered']]);
    },
  },
  {
    tables: ['legal_holds'],
    what: 'the legal hold is active',
    check: async (portal) => assert.deepEqual((await portal.holds.list()).map((h) => [h.objectId, h.state]), [[person.id, 'active']]),
  },
  {
    tables: ['subscriptions', 'follow_preferences', 'announcements'],
    what: 'the follow is listed with its frequency, and the announcement is in the feed',
    async check(portal) {
      const { follows, preferences } = await portal.follow.followsOf(person.id, 'nl');
      assert.deepEqual(follows.map((f) => [f.kind, f.datasetId, f.status]), [['dataset', publicDataset, 'confirmed']]);
      assert.equal(preferences.frequency, 'daily');
      assert.deepEqual((await portal.follow.announcements(publicDataset, 10)).map((a) => a.title), ['Nieuwe stallingen']);
    },
  },
  {
    tables: ['information_requests', 'request_messages', 'canned_answers'],
    what: 'the question is in the person\'s list with its thread, in the inbox, and the saved answer is offered',
    async check(portal) {
      const [mine] = await portal.requests.requestsOf(person.id);
      assert.deepEqual([mine?.request.reference, mine?.messages.map((m) => m.kind)], ['VRG-2026-UPGR23', ['requester', 'staff']]);
      assert.deepEqual((await portal.requests.inbox({ search: 'upgr23' })).map((r) => r.id), ['req_upgrade']);
      assert.deepEqual((await portal.requests.cannedAnswers()).map((c) => c.title), ['Bijwerking']);
    },
  },
  {
    tables: ['users', 'discussion_threads', 'discussion_posts', 'discussion_reports'],
    what: 'the discussion is shown with its publisher\'s answer, and the report waits for a moderator',
    async check(portal) {
      const { threads } = await portal.discussions.threads(publicDataset, null, 'nl');
      assert.deepEqual(threads.map((t) => [t.title, t.posts.map((p) => p.publisher)]), [['Waar staat stalling 3?', [false, true]]]);
      assert.deepEqual((await portal.discussions.moderationQueue()).map((q) => [q.id, q.reports.map((r) => r.reason)]), [['p_upgrade2', ['Klopt niet']]]);
    },
  },
  {
    tables: ['datasets', 'dataset_attachments'],
    what: "the public dataset's attachment is listed with its title, and the restricted dataset's is not public",
    async check(portal) {
      const attachments = await portal.catalog.listAttachments(publicDataset, publicAudience);
      assert.deepEqual(attachments.map((a) => [a.id, a.title, a.mimeType, a.bytes]), [['methodologie_pdf', 'Methodologie van de telling', 'application/pdf', 48213]]);
      await assert.rejects(portal.catalog.listAttachments(restrictedDataset, publicAudience), /does not exist/);
      assert.deepEqual((await portal.catalog.listAttachments(restrictedDataset, staffAudience)).map((a) => a.fileName), ['nota.md']);
    },
  },
  {
    tables: ['stats_events'],
    what: "the raw search is rolled up into the day's terms, as \"other\" (fewer than five visitors)",
    async check(portal) {
      await portal.stats.rollup(readAt);
      const terms = await portal.store.db.selectFrom('stats_daily_terms').select(['term', 'searches', 'empty']).where('day', '=', '2026-01-05').execute();
      assert.deepEqual(terms.map((t) => [t.term, Number(t.searches), Number(t.empty)]), [['', 1, 0]]);
      const [event] = await portal.store.db.selectFrom('stats_events').select(['term', 'results', 'n']).execute();
      assert.deepEqual([event.term, event.results, event.n], ['fiets', 2, 1], 'a row written before 0030 stands for one event');
    },
  },
  {
    tables: ['dataset_usage'],
    what: 'the per-dataset counts of 0002 are daily views, API calls and downloads',
    async check(portal) {
      const rows = await portal.store.db.selectFrom('stats_daily').select(['kind', 'page', 'caller', 'count']).where('day', '=', '2026-01-04').where('dataset_id', '=', publicDataset).orderBy('kind').execute();
      assert.deepEqual(rows.map((r) => [r.kind, r.page, r.caller, Number(r.count)]), [['api', 'records', 'anonymous', 3], ['export', 'csv', 'anonymous', 1], ['view', 'dataset', '', 7]]);
    },
  },
  {
    tables: ['wishes', 'wish_comments', 'wish_comment_reports'],
    what: 'the held comment is its author\'s only, and the reported and held comments wait for a moderator',
    async check(portal) {
      const { comments } = await portal.wishes.get('wi_upgrade', null);
      assert.deepEqual(comments.map((c) => [c.id, c.status]), [['wc_upgrade', 'visible']]);
      assert.deepEqual((await portal.wishes.moderationQueue()).map((q) => [q.id, q.status, q.reports.map((r) => r.reason)]), [['wc_upgrade', 'visible', ['Niet ter zake']], ['wc_upgrade2', 'held', []]]);
    },
  },
  {
    tables: ['catalog_revision', 'datasets'],
    what: "the catalog's change number counts on from the stored one, and the change is listed at once",
    async check(portal) {
      const store = createCatalogStore(portal.store.db);
      assert.equal(await store.revision(), 7);
      assert.equal((await portal.catalog.listDatasets(publicAudience)).some((d) => d.id === publicDataset), true);
      await portal.catalog.setPublished({ id: publicDataset, published: false, actor: 'test' });
      assert.equal(await store.revision(), 8);
      assert.equal((await portal.catalog.listDatasets(publicAudience)).some((d) => d.id === publicDataset), false);
    },
  },
];

async function upgradeFrom(dialect: DialectName, point: string): Promise<void> {
  const env = await testEnvironment(dialect);
  try {
    const store = openStore(env.config);
    let written: Map<string, Row[]>;
    try {
      await migrateTo(store.db, point);
      written = await writeRows(store.db, point);
      await migrate(store.db);
      assert.deepEqual(await missingRows(store.db, written), [], `rows written at ${point} lost or changed by the migrations after it`);
      assert.deepEqual(await schemaDifferences(store.db, dialect), { missing: [], undeclared: [], differing: [] });
    } finally {
      await store.close();
    }
    const portal = await openPortal(env.config, { clock: () => new Date(readAt) });
    try {
      for (const { tables, what, check } of readBack) {
        if (!tables.every((t) => written.has(t))) continue;
        await check(portal).catch((error: Error) => assert.fail(`after an upgrade from ${point}, ${what}: ${error.message}`));
      }
    } finally {
      await portal.close();
    }
  } finally {
    await env.cleanup();
  }
}

// Each point has a database of its own, so points run side by side: most of their time is the database's.
for (const dialect of dialects) {
  describe(`upgrades on ${dialect}`, { concurrency: 4 }, () => {
    for (const point of Object.keys(migrations)) {
      test(`a database of the release that ended with ${point} upgrades to the newest with its data`, () => upgradeFrom(dialect, point));
    }
  });
}
