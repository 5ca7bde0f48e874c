// English: following datasets, the catalog and the newsletter: buttons, the account page, confirmation and unsubscribe
// pages, announcements, and the notification mails.
import type { Counted } from '../plural.ts';
import type { follow as nl } from '../nl/follow.ts';

const sign = (portal: string) => `Kind regards,\n${portal}`;

export const follow: typeof nl = {
  follow: 'Follow',
  followLabel: (title: string) => `Follow: ${title}`,
  unfollow: 'Unfollow',
  unfollowLabel: (title: string) => `Unfollow: ${title}`,
  following: 'You follow this dataset.',
  pending: 'Confirm with the link in your mailbox to start following.',
  resend: 'Send the link again',
  signInToFollow: 'Sign in to follow this dataset',
  followHint: 'You get an email when this dataset changes.',
  sent: (email: string) => `We sent you an email (to ${email}) with a link to confirm. You get messages only after that.`,
  alreadyFollowing: 'You follow this already.',
  unfollowed: 'You no longer follow this; you will get no more messages about it.',
  backToDataset: 'Back to the dataset',
  announce: 'Message to followers',

  title: 'What you follow',
  sentTitle: 'Confirm in your mailbox',
  unfollowedTitle: 'No longer followed',
  intro: 'You get email about what you follow only after you confirmed it with the link in your mailbox. Every email has a link to unsubscribe at once.',
  none: 'You follow nothing yet. You can follow a dataset on its page.',
  manage: 'Manage what you follow',
  targets: {
    dataset: (title: string) => `Dataset ${title}`,
    catalog: 'New datasets in the catalog',
    newsletter: 'The portal\'s newsletter (announcements and new datasets)',
  },
  states: { pending: 'waiting for your confirmation', confirmed: 'confirmed' },
  since: (date: string) => `since ${date}`,
  frequencyLabel: 'How often do you want email?',
  frequencies: { instant: 'at once, one email per change', daily: 'a daily digest', weekly: 'a weekly digest' },
  saveFrequency: 'Save',
  frequencySaved: 'Your choice is saved.',
  followCatalog: 'Follow new datasets',
  subscribeNewsletter: 'Subscribe to the newsletter',
  followMore: 'Follow more',
  consentNote: 'By confirming, you consent to email about this. You withdraw it with one click.',

  confirmTitle: 'Confirm that you want email',
  confirmText: (what: string) => `Confirm that you want email about: ${what}.`,
  confirmButton: 'Confirm',
  confirmed: (what: string) => `Confirmed. From now on you get email about: ${what}.`,

  unsubscribeTitle: 'Unsubscribe',
  unsubscribeText: (what: string) => `Do you want no more email about: ${what}?`,
  unsubscribeButton: 'Unsubscribe',
  unsubscribed: (what: string) => `You are unsubscribed. You will get no more email about: ${what}.`,
  unsubscribedShort: 'You are unsubscribed.',

  announceTitle: (title: string) => `Message to the followers of ${title}`,
  announcePortalTitle: 'Message to the newsletter\'s readers',
  announceIntro: 'The message is emailed to those who follow this and appears in the feed.',
  announcementTitle: 'Title',
  announcementBody: 'Message',
  announceButton: 'Send',
  announced: 'The message was sent to those who follow this.',

  errors: {
    follow_link_invalid: 'This link does not work (any more): it was used, it expired or it was replaced. Follow again to get a new link.',
    unsubscribe_invalid: 'This unsubscribe link is not valid. Manage what you follow on your account page.',
    unsubscribe_used: 'You are already unsubscribed from this; there is nothing left to do.',
    follow_frequency: 'Choose at once, daily or weekly.',
    follow_unknown: 'You do not follow this (any more).',
    announcement_title: 'Give the message a title of 1 to 200 characters.',
    announcement_body: 'Write a message of 1 to 10,000 characters.',
  },

  mail: {
    confirm: {
      subject: (p: { portal: string }) => `Confirm that you want email from ${p.portal}`,
      text: (p: { portal: string; firstName: string; what: string; link: string; hours: number }) =>
        `Dear ${p.firstName},\n\nYou asked for email about: ${p.what}. Confirm it with this link:\n\n${p.link}\n\nThe link works for ${p.hours} hours, once. Without confirmation we send you nothing about it. If you did not ask for this, you can ignore this email.\n\n${sign(p.portal)}\n`,
    },
    version: {
      subject: (p: { title: string; version: number }) => `${p.title}: version ${p.version}`,
      lead: (p: { title: string; version: number; comparedTo: number | null }) =>
        p.comparedTo === null ? `${p.title} has a first version (${p.version}).` : `${p.title} has a new version: ${p.version}, compared with version ${p.comparedTo}.`,
      leadPlain: (p: { title: string; version: number }) => `${p.title} has a new version: ${p.version}.`,
      added: { one: (n) => `${n} record added`, other: (n) => `${n} records added` } as Counted,
      removed: { one: (n) => `${n} record removed`, other: (n) => `${n} records removed` } as Counted,
      changed: { one: (n) => `${n} record changed`, other: (n) => `${n} records changed` } as Counted,
      changedUnknown: 'changed records are not counted: the dataset has no key',
      fieldsAdded: { one: (n, names: string) => `${n} field added: ${names}`, other: (n, names: string) => `${n} fields added: ${names}` } as Counted<[string]>,
      fieldsRemoved: { one: (n, names: string) => `${n} field removed: ${names}`, other: (n, names: string) => `${n} fields removed: ${names}` } as Counted<[string]>,
      fieldsRetyped: { one: (n, names: string) => `${n} field changed type: ${names}`, other: (n, names: string) => `${n} fields changed type: ${names}` } as Counted<[string]>,
      noSummary: 'What changed has not been computed yet.',
    },
    metadata: {
      subject: (p: { title: string }) => `${p.title}: the description was updated`,
      lead: (p: { title: string }) => `The description of ${p.title} (metadata) was updated.`,
    },
    newDataset: {
      subject: (p: { title: string }) => `New dataset: ${p.title}`,
      lead: (p: { title: string }) => `A new dataset was published: ${p.title}.`,
    },
    announcement: {
      subject: (p: { title: string }) => p.title,
    },
    digest: {
      subject: { one: (n: string, portal: string) => `${portal}: ${n} message about what you follow`, other: (n: string, portal: string) => `${portal}: ${n} messages about what you follow` } as Counted<[string]>,
      lead: { daily: 'Your digest of the past day.', weekly: 'Your digest of the past week.' },
    },
    greeting: (firstName: string) => `Dear ${firstName},`,
    open: 'See the dataset',
    openVersion: 'See what changed',
    unsubscribe: (link: string) => `No more email about this? Unsubscribe: ${link}`,
    unsubscribeLink: 'Unsubscribe',
    manage: (link: string) => `Manage everything you follow: ${link}`,
    manageLink: 'Manage what you follow',
    sign,
  },
};
