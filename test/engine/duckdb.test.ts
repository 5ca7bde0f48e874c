// The engine's connection pool: a request's time zone never leaks into the next user of a connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineHarness } from '../helpers/engine.ts';

test('each use of a pooled connection reads date-times in the zone it asked for, else the portal\'s', async (t) => {
  const h = await engineHarness();
  t.after(() => h.close());
  const zone = (timeZone?: string) =>
    h.engine.withConnection(async (c) => String((await c.runAndReadAll("SELECT current_setting('TimeZone') AS z")).getRowObjects()[0].z), timeZone);
  assert.equal(await zone(), 'Europe/Brussels');
  assert.equal(await zone('UTC'), 'UTC');
  assert.equal(await zone(), 'Europe/Brussels', 'the UTC request left its zone behind');
  assert.equal(await zone('Europe/Paris'), 'Europe/Paris');
});
