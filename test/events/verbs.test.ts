// Every verb the code records is one the audit log has a sentence for (src/events/verbs.ts and the catalogs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eventVerbs } from '../../src/events/verbs.ts';
import { messages } from '../../src/i18n/index.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('each verb written to the event log has a sentence in every language', () => {
  const found = new Set<string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    // verb: 'x.y', verb: cond ? 'x.y' : 'x.z', and the admin service's event(actor, 'x.y', …).
    for (const m of text.matchAll(/verb: ([^,}\n]+)/g)) for (const v of m[1].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.add(v[1]);
    for (const m of text.matchAll(/\bevent\(actor, '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]);
    for (const m of text.matchAll(/verb = `privacy\.\$\{kind\}_/g)) if (m) for (const k of ['restriction', 'objection']) for (const s of ['set', 'lifted']) found.add(`privacy.${k}_${s}`);
  }
  assert.ok(found.size > 30, `found ${found.size} verbs`);
  for (const verb of found) assert.ok((eventVerbs as readonly string[]).includes(verb), `${verb} has no sentence: add it to src/events/verbs.ts and admin.verbs`);
  for (const lang of ['nl', 'en'] as const) for (const verb of eventVerbs) assert.ok(messages(lang).admin.verbs[verb], `${lang}: ${verb}`);
});
