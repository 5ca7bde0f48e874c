// Following: what a person follows, how often they want to hear of it, and what they are told.
import type { Language } from '../i18n/index.ts';

export type SubscriptionKind = 'dataset' | 'catalog' | 'newsletter';

export const frequencies = ['instant', 'daily', 'weekly'] as const;
export type Frequency = (typeof frequencies)[number];
export type DigestFrequency = Exclude<Frequency, 'instant'>;

export type SubscriptionStatus = 'pending' | 'confirmed' | 'ended';
export type EndReason = 'unfollowed' | 'one_click' | 'consent_withdrawn' | 'unconfirmed';

/** What a notification tells: a new version, changed metadata, a newly published dataset, an announcement. */
export type NotificationKind = 'version' | 'metadata' | 'new_dataset' | 'announcement';

interface Subscription {
  id: string;
  kind: SubscriptionKind;
  /** '' for the catalog and the newsletter. */
  datasetId: string;
  status: SubscriptionStatus;
  createdAt: string;
  confirmedAt: string | null;
}

/** A subscription as the account page lists it, with the dataset's title in the page's language. */
export interface Follow extends Subscription {
  title: string | null;
}

export interface Announcement {
  id: string;
  datasetId: string | null;
  title: string;
  body: string;
  createdAt: string;
}

export interface Preferences {
  frequency: Frequency;
  language: Language;
}
