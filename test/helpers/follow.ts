// Test support for following: a portal whose follow service reads change summaries computed from a fixture, a real
// SMTP server, the mails handed to the mailer (with the headers the lead's outbox delivers), and a signed-in follower.
import { readFileSync } from 'node:fs';
import type { VersionChanges } from '../../src/catalog/types.ts';
import { buildApp } from '../../src/app.ts';
import type { Mail } from '../../src/mail/outbox.ts';
import { openPortal } from '../../src/portal.ts';
import { fixture } from './engine.ts';
import { importCities, type ServerHarness } from './server.ts';
import { startSmtp, type SmtpHarness } from './smtp.ts';
import { testEnvironment, type DialectName } from './stores.ts';

type Row = Record<string, unknown>;
const versions = JSON.parse(readFileSync(fixture('follow/versions.json'), 'utf8')) as { key: string[]; versions: Record<string, Row[]> };

/**
 * FIXTURE STAND-IN for the versions part's `catalog.changesOf` (issue 16, branch i16-versions): the counts of a version
 * against the one before, by the fixture's key. The lead switches the tests to the real one once it is merged.
 */
export async function fixtureChangesOf(_datasetId: string, number: number): Promise<VersionChanges | null> {
  const now = versions.versions[String(number)];
  const before = versions.versions[String(number - 1)] ?? [];
  if (!now) return null;
  const keyOf = (r: Row) => versions.key.map((k) => String(r[k])).join('|');
  const old = new Map(before.map((r) => [keyOf(r), r]));
  const fresh = new Map(now.map((r) => [keyOf(r), r]));
  const fieldsOf = (rows: Row[]) => new Set(rows.flatMap((r) => Object.keys(r)));
  const [was, is] = [fieldsOf(before), fieldsOf(now)];
  const shared = [...is].filter((f) => was.has(f));
  return {
    comparedTo: before.length > 0 ? number - 1 : null,
    added: [...fresh.keys()].filter((k) => !old.has(k)).length,
    removed: [...old.keys()].filter((k) => !fresh.has(k)).length,
    changed: [...fresh.entries()].filter(([k, r]) => old.has(k) && shared.some((f) => old.get(k)![f] !== r[f])).length,
    fields_added: [...is].filter((f) => !was.has(f)),
    fields_removed: before.length > 0 ? [...was].filter((f) => !is.has(f)) : [],
    fields_retyped: [],
    examples: { added: [], removed: [], changed: [] },
  };
}

export interface FollowHarness extends ServerHarness {
  smtp: SmtpHarness;
  /** Every mail handed to the mailer, as handed (headers and idempotency keys included). */
  sent: Mail[];
  /** The controlled clock: set it to move time. */
  clock: { now: Date };
}

export async function startFollowServer(dialect: DialectName): Promise<FollowHarness> {
  const smtp = await startSmtp();
  const environment = await testEnvironment(dialect, { SMTP_URL: smtp.url });
  const clock = { now: new Date() };
  const portal = await openPortal(environment.config, { clock: () => new Date(clock.now), changesOf: fixtureChangesOf });
  const sent: Mail[] = [];
  const send = portal.mailer.send;
  portal.mailer.send = async (mail) => {
    sent.push(mail);
    return send(mail);
  };
  const app = await buildApp(portal, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await importCities(portal);
  return {
    portal, app, env: environment, url, smtp, sent, clock,
    get: (path, init) => fetch(`${url}${path}`, init),
    async close() {
      await app.close();
      await portal.close();
      await environment.cleanup();
      await smtp.close();
    },
  };
}
