// Configuration: defaults, flags over environment, one clear line for a bad value, README in step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, settingsTable } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

test('uses the embedded defaults when nothing is set', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, resolve('./data'));
  assert.equal(config.databaseUrl, null);
  assert.equal(config.baseUrl, 'http://localhost:8080');
  assert.equal(config.defaultLanguage, 'nl');
});

test('a flag wins over the environment, and the base URL follows the port', () => {
  const config = loadConfig({ PORT: '9000', OPAAL_DATA: '/tmp/a' }, { port: '9100', data: '/tmp/b' });
  assert.equal(config.port, 9100);
  assert.equal(config.dataDir, '/tmp/b');
  assert.equal(config.baseUrl, 'http://localhost:9100');
});

test('takes a PostgreSQL DATABASE_URL and trims a trailing slash from BASE_URL', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/opaal', BASE_URL: 'https://data.example.be/' });
  assert.equal(config.databaseUrl, 'postgres://u@db:5432/opaal');
  assert.equal(config.baseUrl, 'https://data.example.be');
});

const bad: [Record<string, string>, Record<string, string>, RegExp][] = [
  [{ PORT: 'eighty' }, {}, /^Invalid PORT: "eighty" is not a whole number between 1 and 65535\.$/],
  [{}, { port: '70000' }, /^Invalid --port: "70000"/],
  [{ DATABASE_URL: 'mysql://x' }, {}, /^Invalid DATABASE_URL: "mysql:\/\/x" is not a URL starting with postgres: or postgresql:/],
  [{ DEFAULT_LANGUAGE: 'fr' }, {}, /^Invalid DEFAULT_LANGUAGE: "fr" is not one of nl, en\.$/],
  [{ BASE_URL: 'ftp://x' }, {}, /^Invalid BASE_URL/],
  [{ TIMEZONE: 'Mars/Olympus' }, {}, /^Invalid TIMEZONE: "Mars\/Olympus" is not a time zone name/],
  [{ DUCKDB_MEMORY_LIMIT: 'lots' }, {}, /^Invalid DUCKDB_MEMORY_LIMIT/],
];
for (const [env, flags, message] of bad) {
  test(`stops with one line naming the setting: ${JSON.stringify({ ...env, ...flags })}`, () => {
    assert.throws(() => loadConfig(env, flags), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, message);
      assert.ok(!error.message.includes('\n'));
      return true;
    });
  });
}

test("the README's settings table lists exactly the declared settings", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(settingsTable()), 'regenerate the table in README.md from settingsTable()');
});
