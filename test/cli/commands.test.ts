// The `opaal` command line, run as a person runs it: import, datasets, migrate, help, errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openPortal } from '../../src/portal.ts';
import { opaal } from '../helpers/cli.ts';
import { fixture } from '../helpers/engine.ts';
import { tempDir } from '../helpers/stores.ts';

const dir = tempDir();
const data = join(dir.path, 'data');
after(() => dir.remove());

before(async () => {
  const migrated = await opaal(['migrate', '--data', data]);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.match(migrated.stdout, /applied 0001_catalog/);
});

test('migrate says so when the schema is already up to date', async () => {
  const again = await opaal(['migrate', '--data', data]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /schema is up to date/);
});

test('an import whose report asks for a check publishes nothing, prints why, and goes through with the types chosen', async () => {
  const file = join(dir.path, 'aantallen.csv');
  writeFileSync(file, 'gemeente,aantal\nGent,12.345\nAalst,987\n');
  const refused = await opaal(['import', file, '--dataset', 'aantallen', '--data', data]);
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /CHECK: nothing in the file says whether 12\.345 \(line 2\) is 12\.345 \(1234\.5\) or 12345 \(1\.234\)/);
  assert.match(refused.stderr, /Nothing was published/);
  const shown = await opaal(['datasets', 'show', 'aantallen', '--data', data]);
  assert.notEqual(shown.code, 0, 'no dataset was made');

  const meta = join(dir.path, 'aantallen.json');
  writeFileSync(meta, JSON.stringify({ fields: [{ name: 'aantal', type: 'int', format: '1.234' }] }));
  const chosen = await opaal(['import', file, '--dataset', 'aantallen', '--meta', meta, '--data', data]);
  assert.equal(chosen.code, 0, chosen.stderr);
  assert.match(chosen.stdout, /aantal: int \(1\.234\), values 2\n {4}- type and notation chosen by a person: 1\.234\./);

  const accepted = await opaal(['import', file, '--dataset', 'aantallen', '--accept-checks', '--data', data]);
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.match(accepted.stdout, /CHECK: nothing in the file says/);
  assert.match(accepted.stdout, /version 2, 2 records, 2 fields \(gemeente:text, aantal:text\)/);
  await opaal(['datasets', 'delete', 'aantallen', '--data', data]);
});

test('imports a file with a title and metadata, and lists and shows it', async () => {
  const meta = join(dir.path, 'meta.json');
  writeFileSync(meta, JSON.stringify({ title: { en: 'Trajectories' }, keyword: ['werk'], fields: [{ name: 'regio', label: { nl: 'Regio', en: 'Region' } }] }));
  const result = await opaal(['import', fixture('json/lines.jsonl'), '--dataset', 'trajecten', '--title', 'Trajecten', '--meta', meta, '--data', data]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Imported lines\.jsonl into trajecten: version 1, 3 records, 3 fields \(jaar:int, trajecten:int, regio:text\)/m);
  assert.match(result.stdout, /^Import report: 3 records\n {2}jaar: int \(1234\), values 3$/m);
  const list = await opaal(['datasets', 'list', '--data', data]);
  assert.equal(list.stdout, 'trajecten\tpublic\t3\tTrajecten\n');
  const show = await opaal(['datasets', 'show', 'trajecten', '--json', '--data', data]);
  const shown = JSON.parse(show.stdout);
  assert.deepEqual(shown.metadata.title, { nl: 'Trajecten', en: 'Trajectories' });
  assert.deepEqual(shown.fields.find((f: { name: string }) => f.name === 'regio').label, { nl: 'Regio', en: 'Region' });
  assert.equal(shown.versions.length, 1);
  assert.match((await opaal(['datasets', 'show', 'trajecten', '--data', data])).stdout, /^ {2}regio\ttext\tnl: Regio · en: Region$/m);
});

test('a failed import names file, line and reason on one line, exits 1, and keeps the old version', async () => {
  await opaal(['import', fixture('types/all-types.csv'), '--dataset', 'steden', '--data', data]);
  const result = await opaal(['import', fixture('csv/ragged.csv'), '--dataset', 'steden', '--data', data]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^opaal import: ragged\.csv, line 4: expected \d+ values \(as in the header\) but found \d+\n$/);
  const show = JSON.parse((await opaal(['datasets', 'show', 'steden', '--json', '--data', data])).stdout);
  assert.equal(show.recordsCount, 3);
  assert.equal(show.versions.length, 1);
});

test('refuses bad metadata and a bad dataset id with a clear message', async () => {
  const meta = join(dir.path, 'bad.json');
  writeFileSync(meta, '{"title": ');
  const badJson = await opaal(['import', fixture('json/lines.jsonl'), '--dataset', 'x', '--meta', meta, '--data', data]);
  assert.equal(badJson.code, 1);
  assert.match(badJson.stderr, /The metadata file .* is not valid JSON/);
  writeFileSync(meta, JSON.stringify({ fields: [{ name: 'regio', label: { de: 'Region' } }] }));
  const badLabel = await opaal(['import', fixture('json/lines.jsonl'), '--dataset', 'x', '--meta', meta, '--data', data]);
  assert.equal(badLabel.code, 1);
  assert.match(badLabel.stderr, /Metadata "fields\[0\]\.label\.de" \(field "regio"\) must be left out: "de" is no language of the portal \(nl, en\)\./);
  const badId = await opaal(['import', fixture('json/lines.jsonl'), '--dataset', 'Met Spaties', '--data', data]);
  assert.equal(badId.code, 1);
  assert.match(badId.stderr, /"Met Spaties" is not a valid dataset id/);
  const missing = await opaal(['import', fixture('json/lines.jsonl'), '--data', data]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /give one FILE and --dataset ID/);
});

test('deletes a dataset, and says so when it does not exist', async () => {
  await opaal(['import', fixture('json/lines.jsonl'), '--dataset', 'weg', '--data', data]);
  const deleted = await opaal(['datasets', 'delete', 'weg', '--data', data]);
  assert.equal(deleted.code, 0);
  assert.equal(deleted.stdout, 'Deleted weg.\n');
  const again = await opaal(['datasets', 'delete', 'weg', '--data', data]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /The requested dataset weg does not exist/);
});

test('every command explains itself with --help', async () => {
  for (const command of ['serve', 'import', 'migrate', 'datasets']) {
    const result = await opaal([command, '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, new RegExp(`^Usage: opaal ${command}`));
  }
  const main = await opaal(['--help']);
  assert.match(main.stdout, /^Usage: opaal <command>/);
  const unknown = await opaal(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  // A name every plain object has is no command either.
  const inherited = await opaal(['constructor']);
  assert.equal(inherited.code, 2);
  assert.match(inherited.stderr, /unknown command "constructor"/);
});

test('a bad setting stops the command with one line naming it', async () => {
  const result = await opaal(['datasets', 'list', '--data', data], { DATABASE_URL: 'mysql://nope' });
  assert.equal(result.code, 1);
  assert.equal(result.stderr, 'opaal datasets: Invalid DATABASE_URL: "mysql://nope" is not a URL starting with postgres: or postgresql://.\n');
});

test('honours DATABASE_URL for PostgreSQL', async (t) => {
  const { testEnvironment } = await import('../helpers/stores.ts');
  const env = await testEnvironment('postgres');
  t.after(() => env.cleanup());
  const pgEnv = { DATABASE_URL: env.config.databaseUrl! };
  const imported = await opaal(['import', fixture('json/lines.jsonl'), '--dataset', 'pg', '--data', env.dataDir], pgEnv);
  assert.equal(imported.code, 0, imported.stderr);
  const list = await opaal(['datasets', 'list', '--data', env.dataDir], pgEnv);
  assert.equal(list.stdout, 'pg\tpublic\t3\tpg\n');
});

test('datasets list marks a draft from the back office, and show lists its staged version', async () => {
  const own = join(dir.path, 'drafts');
  const portal = await openPortal(loadConfig({ OPAAL_DATA: own, LOG_LEVEL: 'silent' }));
  try {
    await portal.catalog.createDataset({ id: 'concept', input: { metadata: { title: { nl: 'Concept' } } }, actor: 'test' });
    await portal.catalog.stageVersion({ datasetId: 'concept', path: fixture('json/lines.jsonl'), actor: 'test' });
  } finally {
    await portal.close();
  }
  assert.equal((await opaal(['datasets', 'list', '--data', own])).stdout, 'concept\tdraft\t0\tConcept\n');
  const show = await opaal(['datasets', 'show', 'concept', '--data', own]);
  assert.match(show.stdout, /^concept \(public, draft\) — Concept/);
  assert.match(show.stdout, /\n {2}1\t\S+\t3 records\tlines\.jsonl\t\(staged\)\n/);
});

test('users create prints the link with the configured base URL, and points out the default', async () => {
  const env = { BASE_URL: '' };
  const defaulted = await opaal(['users', 'create', '--email', 'standaard@example.org', '--data', data], env);
  assert.equal(defaulted.code, 0, defaulted.stderr);
  assert.match(defaulted.stdout, /^http:\/\/localhost:8080\/-\/account\/reset\/\S+$/m);
  assert.match(defaulted.stderr, /^Note: the link uses the default base URL http:\/\/localhost:8080; set BASE_URL or --base-url/m);
  const flagged = await opaal(['users', 'create', '--email', 'vlag@example.org', '--base-url', 'https://data.example.be/', '--data', data], env);
  assert.equal(flagged.code, 0, flagged.stderr);
  assert.match(flagged.stdout, /^https:\/\/data\.example\.be\/-\/account\/\S+$/m);
  assert.equal(flagged.stderr, '');
  const fromEnv = await opaal(['users', 'create', '--email', 'omgeving@example.org', '--data', data], { BASE_URL: 'https://open.example.be' });
  assert.match(fromEnv.stdout, /^https:\/\/open\.example\.be\/-\/account\/\S+$/m);
  assert.equal(fromEnv.stderr, '');
});
