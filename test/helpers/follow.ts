// Test support for following: a portal whose follow service reads change summaries computed from a fixture, a real
// SMTP server, the mails handed to the mailer (with the headers the lead's outbox delivers), and a signed-in follower.
import { readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import type { Portal } from '../../src/portal.ts';
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
 * Imports version `number` of the fixture's municipalities (keyed on nis_code) as the dataset `gemeenten` (or another
 * id): from 1 to 2, three are added, two removed, one changed and one field added; 3 keeps one of them.
 */
export async function importMunicipalities(portal: Portal, dir: string, number: number, datasetId = 'gemeenten') {
  const path = join(dir, `${datasetId}-${number}.jsonl`);
  writeFileSync(path, versions.versions[String(number)].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const input = parseMetadataInput({ title: { nl: 'Gemeenten', en: 'Municipalities' }, key: versions.key });
  return portal.catalog.importDataset({ datasetId, path, input, actor: 'cli' });
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
  const portal = await openPortal(environment.config, { clock: () => new Date(clock.now) });
  const sent: Mail[] = [];
  const send = portal.mailer.send;
  portal.mailer.send = async (mail) => {
    sent.push(mail);
    return send(mail);
  };
  const sendMany = portal.mailer.sendMany;
  portal.mailer.sendMany = async (mails) => {
    sent.push(...mails);
    return sendMany(mails);
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
