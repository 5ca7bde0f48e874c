// What the self-service rights take from the rest of the portal: given once, in src/portal.ts, to createRightsService.
import type { Kysely } from 'kysely';
import type { AccountStore } from '../../accounts/store.ts';
import type { ContactMention } from '../../catalog/service.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { DialectName } from '../../db/index.ts';
import type { Database } from '../../db/schema.ts';
import type { Mailer } from '../../mail/outbox.ts';
import type { PersonalDataModule } from '../../personal-data/registry.ts';
import type { Recipient } from '../recipients/service.ts';

export interface RightsDeps {
  /** For the privacy office's own tables, and the transaction in which every module erases its part. */
  db: Kysely<Database>;
  /** SQLite is checkpointed after an erasure (see erasure.ts). */
  dialect: DialectName;
  clock: Clock;
  config: Config;
  mailer: Pick<Mailer, 'send'>;
  /** The accounts module's store: the account, its consents. */
  accounts: AccountStore;
  /** The DPO's register of recipients and processors (Art. 15(1)(c), Art. 19). */
  recipients: { list(options: { current: true }): Promise<Recipient[]> };
  /** The catalog, which owns the datasets: where a person is still published as a contact point. */
  catalog: { mentionsOf(person: { email: string; name: string | null }): Promise<ContactMention[]> };
  /** Every module with personal data, in the order erasure runs them (src/privacy/modules.ts). */
  modules: PersonalDataModule[];
}
