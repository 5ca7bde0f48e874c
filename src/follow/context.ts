// What the follow service is given (stores, mailer, the injected views of other domains) and the links and tokens it
// derives from them.
import { createHmac } from 'node:crypto';
import type { AccountStore } from '../accounts/store.ts';
import { sameText } from '../accounts/secrets.ts';
import type { VersionChanges } from '../catalog/types.ts';
import type { Clock } from '../clock.ts';
import type { EventStore } from '../events/store.ts';
import { languageOr, languagePrefix, type Language } from '../i18n/index.ts';
import type { Mailer } from '../mail/outbox.ts';
import type { FollowStore } from './store.ts';

export interface FollowDeps {
  store: FollowStore;
  accounts: Pick<AccountStore, 'userById' | 'usersByIds' | 'giveConsent' | 'consentOf' | 'consentsByIds' | 'withdrawConsent'>;
  events: EventStore;
  clock: Clock;
  mailer: Pick<Mailer, 'send' | 'sendMany'>;
  /** `timezone`: digests close the portal's local day or week. */
  config: { baseUrl: string; portalName: string; defaultLanguage: Language; timezone: string };
  /** The portal's key: unsubscribe links carry a keyed digest of what they end, so nothing about them is stored. */
  key: () => Buffer;
  /** The privacy statement shown when a person consents (the privacy office's; injected, follow does not import privacy). */
  currentStatement: () => Promise<{ version: string; digest: string }>;
  /** The change summary of a version (the catalog's, from the versions part). */
  changesOf: (datasetId: string, number: number) => Promise<VersionChanges | null>;
  /** A dataset's title in a language when this person (null: anyone) may see it; null when they may not, or it is gone. */
  datasetTitle: (userId: string | null, datasetId: string, lang: Language) => Promise<string | null>;
  /** Of these accounts, those the portal may write to on its own initiative: not one that is restricted (privacy flags). */
  mayMail: (userIds: string[]) => Promise<Set<string>>;
}

export type FollowContext = ReturnType<typeof followContext>;

const tokenPattern = /^([su]_[A-Za-z0-9_-]{1,40})\.([A-Za-z0-9_-]{32})$/;

export function followContext(deps: FollowDeps) {
  const base = deps.config.baseUrl.replace(/\/$/, '');
  const mac = (id: string) => createHmac('sha256', deps.key()).update(`unsubscribe\u0000${id}`).digest('base64url').slice(0, 32);
  const link = (lang: Language, path: string) => `${base}${languagePrefix(lang, deps.config.defaultLanguage)}${path}`;
  return {
    ...deps,
    link,
    /** The one-click link that ends a subscription (`s_…`) or, in a digest, every subscription of its person (`u_…`). */
    unsubscribeLink: (lang: Language, id: string) => link(lang, `/-/unsubscribe/${id}.${mac(id)}`),
    /** The subscription or account id an unsubscribe token names, when its digest is right; null for a forged one. */
    unsubscribeTarget(token: string): string | null {
      const match = tokenPattern.exec(token);
      return match && sameText(match[2], mac(match[1])) ? match[1] : null;
    },
    /** The language of the person's mails: the one of the page where they last chose what to follow. */
    async languageOf(userId: string): Promise<Language> {
      return languageOr((await deps.store.preferences(userId))?.language, deps.config.defaultLanguage);
    },
  };
}
