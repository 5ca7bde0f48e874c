// Migrations are history: a database that ran a migration never runs it again, so a change to its file would reach
// new installations only and leave the others different. A change is a new migration; this list holds each applied
// migration's content, and a new migration adds its line here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { migrations } from '../../src/db/migrations/index.ts';

const dir = new URL('../../src/db/migrations/', import.meta.url).pathname;

const released: Record<string, string> = {
  '0001_catalog': 'fe274b98581d1bce4cd136161f71f573841ab205cd469fb8bfe00826942e17a0',
  '0002_usage': '2020a774f1d2d3093d29aaec788acff97c068b6cbdb461929dc75bf0316c1613',
  '0003_accounts': '2ebad38e79c54b190bca07c114643773a6c3dc5240a15f3805023f9c3a14cad5',
  '0004_two_factor': 'e9b96b47a83be7123bf2496c16019741b9908c47a4b5900f0642e43939b9f2bb',
  '0006_publishing': '1a12ec637d644df2c6b32fa5d38eb704d48d9a366cd9ae131445126be0ec7c0d',
  '0007_admin': 'a5e6da25d519a537f82dec60561f9d1bb48209efc691386095c5962117b767df',
  '0008_privacy_rights': '26efc9277803a1acf1b7bc5bac1736acd9621a0f94d068e66d7df845cb96864e',
  '0009_privacy_cases': '5262876bb637e02f5e712bb3bffbb7ebd3df66bbeb7abb69af2b607d0e314b62',
  '0010_privacy_office': '26b788f6838af982f848224e8d0d811563576ed83e51ac9e500535186a948ea3',
  '0011_retention': '1262571bdd74a4f917fe0414e8bf23d7e56af4e325619c272fa48e2eacebdbed',
  '0012_import_report': '1026b4e9928c984f32be22647cf88c208dbfa5bf04b9515a6dbf97bdf3015e86',
  '0013_attempts': '66cdf0826ab554f20c9bd81dceb0c62c4db34e15b83822c844f47e2ea36002d4',
  '0014_consents_fk': 'f04c639fee48347147225afeb8053f97d2f06352ccac1e6b4b3884e5536f3038',
  '0015_breach_title': 'dacd55335e04d605e6e5a63e6bdd69acc9a43a5266f5b55b80ce34ba98c47d7d',
  '0016_jobs_outbox': 'd80bcf24edad310b30e50c17179f9fca5da6afe66f1f9b14fc52cd5884beb33c',
  '0017_version_changes': 'a737799a25cdc03c4974e4003f9949595bc087692aa390efbc6bb6cdd4ae1e72',
  '0018_follow': 'e7bf3ae0c00af08d991d37511097c4ccd1d0a31957fd9533c5a8015b0ce44ada',
  '0019_webhooks': '271ea08e3d8d3d117e5423720b7d4fbff20693a4b53f4b56d35a3180727d9c56',
  '0020_requests': '34b4b77a65c651a40561c53c37a35a2cf885f97c481baa9bdf2637a01a6bab5b',
  '0021_discussions': '58217346a305bee837e387c14053f6a3479243e2a5e23b0e9c84cda90dfce38b',
  '0022_reuses': '6d30dc64737423a88725d222f5bc695bcfca32089f1e07501b4c6e4f352b2cd0',
  '0023_wish_moderation': '842c36b3dbe40f66ad494119f2cd6e55fd674ad43c1486cbae8cf6162bf5b138',
  '0025_stats': 'fd90f77673cd2cbdc346c61d2ff614d50b80826e0e51f1b12bff3319d6598039',
  '0026_stats_visitor': '55548609d1c9558b3f8f0636cec2327a1fa460d63c6530551ca13724964ef2d4',
  '0027_dataset_attachments': '0e503cef01be96712847b8c02fd06b91ae463a6b687d3d1c27008279316c8fe0',
  '0029_catalog_revision': '13060f0720f360006863860868193b167d96a8e88948f37bd65477725749199a',
  '0030_stats_event_count': '65b311ae9590dac8f5f438deea0d0d4c25d830293e79d0155031611b33033ffc',
};

const digest = (name: string) => createHash('sha256').update(readFileSync(`${dir}${name}.ts`, 'utf8').replaceAll('\r\n', '\n')).digest('hex');

test('no released migration has changed: a change to the schema is a new migration', () => {
  for (const [name, hash] of Object.entries(released)) {
    assert.equal(digest(name), hash, `${name}.ts changed after it was released; put the change in a new migration`);
  }
});

test('every migration file is in the ordered list and has its line here, and the list only grows at its end', () => {
  const files = readdirSync(dir).filter((f) => /^\d{4}_.*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, '')).sort();
  assert.deepEqual(Object.keys(migrations), files, 'src/db/migrations/index.ts lists every file, in order');
  const names = Object.keys(migrations);
  assert.deepEqual(names.slice(0, Object.keys(released).length), Object.keys(released), 'new migrations come after the released ones');
  const unlisted = names.filter((n) => !Object.hasOwn(released, n));
  assert.deepEqual(unlisted, [], `add ${unlisted.map((n) => `'${n}': '${digest(n)}'`).join(', ')} to the list in this test`);
});
