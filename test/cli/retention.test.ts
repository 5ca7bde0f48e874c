// `opaal retention`, run as an operator runs it: a dry run shows the counts and changes nothing; a run applies them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opaal } from '../helpers/cli.ts';
import { retentionHarness, rowCounts, snapshot } from '../helpers/retention.ts';
import { seed } from '../helpers/retention-seed.ts';

test('opaal retention --dry-run prints what each rule would remove and changes nothing; opaal retention does it', async () => {
  const h = await retentionHarness('sqlite');
  // The command runs on the system clock: the rows are placed around the real now, with margins of a minute or more.
  h.time.now = new Date();
  await seed(h, 'sqlite');
  const before = await snapshot(h.db);
  const countsBefore = await rowCounts(h.db);
  await h.portal.close();
  try {
    const dry = await opaal(['retention', '--dry-run', '--data', h.env.dataDir]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /dry run .*nothing was changed/);
    assert.match(dry.stdout, /^account +users +P5Y +1 +1 +0$/m);
    assert.match(dry.stdout, /^session +sessions +PT0S +3 +0 *$/m);
    assert.match(dry.stdout, /^audit +events +P5Y +1 +2 *$/m);
    assert.match(dry.stdout, /^ {2}h-lapsed {2}user {2}ended /m);
    assert.ok(!/u-old|u-held|@example\.org/.test(dry.stdout), 'no personal data in the output');

    const json = await opaal(['retention', '--dry-run', '--json', '--data', h.env.dataDir]);
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.dryRun, true);
    assert.equal(report.rules.find((r: { rule: string }) => r.rule === 'mail').removed, 2);

    const again = await retentionHarness('sqlite', { OPAAL_DATA: h.env.dataDir });
    try {
      assert.equal(await snapshot(again.db), before, 'the dry runs changed the database');

      const run = await opaal(['retention', '--data', h.env.dataDir]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Retention run at /);
      assert.match(run.stdout, /^account +users +P5Y +1 +1 +0$/m);
      const countsAfter = await rowCounts(again.db);
      assert.equal(countsAfter.users, countsBefore.users - 1);
      // Two mails past their 30 days go; the erased account is sent its confirmation, as any erasure does.
      assert.equal(countsAfter.mail_outbox, countsBefore.mail_outbox - 2 + 1);
      assert.equal((await again.db.selectFrom('mail_outbox').select('id').where('template', '=', 'privacy.erased').execute()).length, 1);
      assert.equal((await again.db.selectFrom('events').select('id').where('verb', '=', 'retention.run').execute()).length, 1);
    } finally {
      await again.close();
    }

    const help = await opaal(['retention', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: opaal retention \[--dry-run\]/);

    const wrong = await opaal(['retention', 'now', '--data', h.env.dataDir]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /unexpected "now"/);
  } finally {
    await h.env.cleanup();
  }
});
