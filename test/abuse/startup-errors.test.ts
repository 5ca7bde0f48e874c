// Start-up errors in one line: a server that cannot start names the setting and the cause, exits 1, and prints no
// stack trace and no password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opaal, freePort } from '../helpers/cli.ts';
import { postgresAdminUrl } from '../helpers/stores.ts';

const data = mkdtempSync(join(tmpdir(), 'opaal-startup-'));
test.after(() => rmSync(data, { recursive: true, force: true }));

/** `opaal serve` with these settings: it must stop on its own, with exactly one line on standard error. */
async function serveFails(env: Record<string, string>): Promise<string> {
  const result = await opaal(['serve', '--data', data], { PORT: String(await freePort()), HOST: '127.0.0.1', ...env });
  assert.equal(result.code, 1, `exit code 1, not ${result.code}: ${result.stderr}`);
  const lines = result.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line, got:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at |Error:|node:internal/m);
  assert.equal(result.stdout, '');
  return lines[0];
}

const pg = new URL(postgresAdminUrl);
const pgAt = (change: (url: URL) => void) => {
  const url = new URL(pg);
  change(url);
  return url.toString();
};

test('an unreachable database names DATABASE_URL and the address', async () => {
  const port = await freePort();
  const line = await serveFails({ DATABASE_URL: pgAt((u) => (u.port = String(port))) });
  assert.match(line, new RegExp(`^opaal serve: DATABASE_URL: nothing accepts connections at ${pg.hostname}:${port}`));
});

test('an unknown host, role or database names DATABASE_URL and what PostgreSQL said', async () => {
  assert.match(await serveFails({ DATABASE_URL: pgAt((u) => (u.hostname = 'no-such-host.invalid')) }), /^opaal serve: DATABASE_URL: the host of no-such-host\.invalid(:\d+)? is not known\.$/);
  const role = await serveFails({ DATABASE_URL: pgAt((u) => ((u.username = 'opaal_no_such_role'), (u.password = 'geheim-wachtwoord'))) });
  assert.match(role, /^opaal serve: DATABASE_URL: PostgreSQL at .* refused the connection: .*opaal_no_such_role/);
  assert.doesNotMatch(role, /geheim-wachtwoord/);
  const database = await serveFails({ DATABASE_URL: pgAt((u) => (u.pathname = '/opaal_no_such_database')) });
  assert.match(database, /^opaal serve: DATABASE_URL: PostgreSQL at .* refused the connection: database "opaal_no_such_database" does not exist\.$/);
});

test('a malformed DATABASE_URL is named, without its password', async () => {
  for (const url of ['postgres://user:geheim@[niet-goed', 'mysql://user:geheim@localhost/db', 'postgres://user:100%geheim@localhost/db']) {
    const line = await serveFails({ DATABASE_URL: url });
    assert.match(line, /^opaal serve: Invalid DATABASE_URL: ".*" is not a URL/);
    assert.doesNotMatch(line, /geheim/);
  }
});

test('a port in use and an address not of this machine name PORT and HOST', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  try {
    const port = (busy.address() as { port: number }).port;
    assert.equal(await serveFails({ PORT: String(port) }), `opaal serve: PORT: port ${port} on 127.0.0.1 is already in use by another program.`);
  } finally {
    busy.close();
  }
  // TEST-NET-3 (RFC 5737): never an address of this machine.
  assert.equal(await serveFails({ HOST: '203.0.113.7' }), 'opaal serve: HOST: 203.0.113.7 is not an address of this machine.');
});

test('a data directory that cannot hold the SQLite file names OPAAL_DATA', async () => {
  const notADirectory = join(data, 'een-bestand');
  writeFileSync(notADirectory, 'geen map');
  const result = await opaal(['serve', '--data', notADirectory], { PORT: String(await freePort()), HOST: '127.0.0.1' });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^opaal serve: OPAAL_DATA: cannot open the SQLite file .*opaal\.sqlite: .*\.\n$/);
});
