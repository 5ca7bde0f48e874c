// The versioned privacy statement: rendered from configuration, map and recipients; a changed rendering becomes a new
// version, stored as published so that every earlier version can be read as it was (GDPR Art. 5(2), 13).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { NotFound } from '../../errors.ts';
import { createRecipientStore } from '../recipients/store.ts';
import { createRecipientService } from '../recipients/service.ts';
import { createStatementStore } from './store.ts';
import { plainText, statementText, type StatementConfig, type StatementSection } from './text.ts';
import { inEveryLanguage, type Language } from '../../i18n/index.ts';

/** What an acceptance or acknowledgement records: the version and the digest of its exact text. */
interface Statement {
  version: string;
  digest: string;
}

export interface PublishedStatement extends Statement {
  number: number;
  publishedAt: string;
  text: Record<Language, StatementSection[]>;
}

type StatementDeps = { db: Kysely<Database>; clock: Clock; config: StatementConfig & Pick<Config, 'smtpUrl'> };

const digestOf = (text: Record<Language, StatementSection[]>) => createHash('sha256').update(`${plainText(text.nl)}\n\u0000\n${plainText(text.en)}`).digest('hex');

export function createStatementService(deps: StatementDeps) {
  const store = createStatementStore(deps.db);
  const recipients = createRecipientService({ store: createRecipientStore(deps.db), db: deps.db, clock: deps.clock, config: deps.config });
  const published = (row: NonNullable<Awaited<ReturnType<typeof store.latest>>>): PublishedStatement => ({
    number: row.version, version: String(row.version), digest: row.digest, publishedAt: row.published_at, text: { nl: JSON.parse(row.text_nl), en: JSON.parse(row.text_en) },
  });

  return {
    /** The statement as the portal would write it now. */
    async render(): Promise<Record<Language, StatementSection[]>> {
      const facts = { config: deps.config, recipients: await recipients.list({ current: true }) };
      return inEveryLanguage((_, lang) => statementText(lang, facts));
    },

    /** The current version: the rendering, published as a new version first when it differs from the latest one. */
    async current(): Promise<PublishedStatement> {
      const text = await this.render();
      const digest = digestOf(text);
      const latest = await store.latest();
      if (latest?.digest === digest) return published(latest);
      const row = { version: (latest?.version ?? 0) + 1, digest, text_nl: JSON.stringify(text.nl), text_en: JSON.stringify(text.en), published_at: deps.clock().toISOString() };
      try {
        await store.insert(row);
      } catch (error) {
        // Another request or node published the same change at the same moment: theirs stands.
        const now = await store.latest();
        if (now?.digest !== digest) throw error;
        return published(now);
      }
      return published(row);
    },

    async versions(): Promise<{ number: number; digest: string; publishedAt: string }[]> {
      await this.current();
      return (await store.list()).map((r) => ({ number: r.version, digest: r.digest, publishedAt: r.published_at }));
    },

    async version(number: number): Promise<PublishedStatement> {
      const row = Number.isSafeInteger(number) && number > 0 ? await store.get(number) : undefined;
      if (!row) throw new NotFound(`There is no version ${number} of the privacy statement.`, 'statement_version');
      return published(row);
    },
  };
}
export type StatementService = ReturnType<typeof createStatementService>;
