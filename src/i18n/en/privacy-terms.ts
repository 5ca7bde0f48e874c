// English: the words of the personal-data map (legal bases, purposes, categories, retention rules), the supervisory
// authorities and the fixed texts of the register and the access archive.
import type { privacyTerms as nl } from '../nl/privacy-terms.ts';

export const privacyTerms: typeof nl = {
  gdpr: 'GDPR',
  legalBases: {
    consent: 'consent',
    contract: 'performance of a contract',
    legal_obligation: 'legal obligation',
    public_task: 'public task',
  },
  purposes: {
    accounts: {
      name: 'Portal accounts: sign-in, API keys and messages about your account',
      subjects: 'registered users',
    },
    security: {
      name: 'Portal security: sessions, second factor, stopping abuse of sign-in',
      subjects: 'registered users',
    },
    publishing: {
      name: 'Publishing datasets with a contact point, as DCAT-AP requires',
      subjects: 'dataset contact persons',
    },
    accountability: {
      name: 'Accountability: a log of what staff and users did, proof of acceptance',
      subjects: 'users and staff',
    },
    privacy_requests: {
      name: 'Handling requests about personal data (access, rectification, erasure, …)',
      subjects: 'requesters, with or without an account',
    },
    registers: {
      name: 'Keeping the registers the GDPR requires: recipients and processors, personal-data breaches',
      subjects: 'contact persons of processors; staff who record a breach',
    },
    notifications: {
      name: 'Email about datasets you follow and the newsletter, only after you confirmed',
      subjects: 'registered users who follow something',
    },
    information_requests: {
      name: 'Answering questions about the data and the department, with the conversation about them',
      subjects: 'requesters, with or without an account; staff who answer',
    },
    exchanges: {
      name: 'Exchanges with other users of the portal: discussions on datasets, reuses and data requests (with support and comments), and their moderation',
      subjects: 'registered users who write, report, support or comment; staff who moderate or decide',
    },
    statistics: {
      name: 'Statistics to improve the portal and its services: how many visits, downloads, API calls and searches, without cookies and without following anyone',
      subjects: 'visitors of the portal',
    },
  },
  categories: {
    identity: 'name',
    contact: 'email address',
    credentials: 'credentials (only hashed or encrypted)',
    account_metadata: 'account data (created, last active)',
    identifier: 'internal identifier of an account',
    preferences: 'choices and consents',
    messages: 'content of messages and requests',
    contact_point: 'name and email address of a dataset contact point',
    attempt_digest: 'counters of attempts (sign-in, codes, messages) per keyed digest of your email address, account or IP address',
    endpoint: 'addresses (URLs) your webhooks send messages to',
    visitor_digest: 'a keyed digest of your IP address and browser under a random key that changes every day, to count the unique visitors of one day (your IP address and browser themselves are not kept)',
  },
  retention: {
    account: 'until you delete the account; an account unused for five years is deleted (you are told 30 days before)',
    account_data: 'as long as the account exists; deleted with the account',
    session: 'until you sign out or the session expires (hours)',
    link: 'until a day after the link is used or expires, at most 7 days',
    mail: '30 days after sending',
    audit: 'five years after the event',
    consent_proof: 'while the account exists; after that without reference to you, five years at most',
    case: 'five years after the request is closed, as proof that it was handled',
    case_step: 'together with the request they belong to, five years after it is closed',
    recipient: 'five years after the work with the recipient or processor ended',
    breach: 'five years after the breach was dealt with',
    archive: '7 days: after that your downloadable archive is removed from the server',
    published: 'while the dataset is published',
    attempts: 'until the end of the window they count in (fifteen minutes to an hour); the daily sweep removes them after that',
    legal_hold: 'while the hold applies, then five years as accountability',
    webhook_delivery: '30 days after the event that was delivered',
    subscription: 'while you follow something; deleted 30 days after you unsubscribed (or a confirmation link expired)',
    notification: '30 days after the message was sent',
    information_request: 'two years after the question was closed; then deleted with the whole conversation',
    unconfirmed_request: '24 hours if you do not confirm your e-mail address; then deleted',
    request_message: 'together with the question they belong to',
    discussion: 'as long as the discussion is on the dataset\'s page, under your public name; when your account is erased (at your request or after five years unused), the text stays readable under “former user”, without your name',
    reuse: 'an approved reuse as long as it is published, under “former user” once your account is erased; a reuse not (yet) approved is deleted with your account, image included',
    data_request: 'as long as the data request is on the portal; when your account is erased it stays, with the support others gave it, under “former user” (your support and comments are deleted)',
    statistics_visitor: 'until the day is over and counted: the digest is cleared shortly after midnight and that day\'s key destroyed, within 48 hours at the latest',
  },
  authorities: {
    vtc: {
      name: 'Flemish Supervisory Commission for the processing of personal data (Vlaamse Toezichtcommissie, VTC)',
      address: 'Koning Albert II-laan 15, 1210 Brussels, Belgium',
    },
    gba: {
      name: 'Belgian Data Protection Authority (Gegevensbeschermingsautoriteit, GBA)',
      address: 'Rue de la Presse 35, 1000 Brussels, Belgium',
    },
  },
  register: {
    noTransfers: 'none outside the EEA',
    security: [
      'passwords only as argon2id hashes',
      'API keys, sessions and single-use links only as SHA-256 digests',
      'second-factor secrets encrypted (AES-256-GCM)',
      'TLS expected for every connection (HSTS behind HTTPS)',
      'least-privilege roles; a second factor required of staff',
      'audit log of what staff and users do, with no personal data in the logs',
    ],
  },
  archive: {
    rights: [
      'access to your data and a copy of it (Art. 15 and 20 GDPR)',
      'rectification of inaccurate data (Art. 16)',
      'erasure of your data (Art. 17)',
      'restriction of processing (Art. 18)',
      'objection to processing (Art. 21)',
      'withdrawing a consent, as easily as giving it (Art. 7(3))',
    ],
    source: 'You gave the data yourself when registering and using the portal; the portal records when you sign in and what you do; staff grant you access to datasets.',
    automatedDecisions: 'No automated decisions are taken about you and you are not profiled.',
    noTransfers: 'No transfer outside the European Economic Area.',
    transfers: (to) => `Transfer outside the European Economic Area to: ${to}.`,
    notes: {
      contactPoints: 'Dataset contact points are not linked to an account; if you are named as the contact of a dataset, ask the data protection officer.',
      statistics: 'The portal\'s statistics hold nothing about you: they count visits, downloads and searches without keeping an account, IP address or browser, and the digest by which one day\'s visitors are counted can no longer be traced with any key.',
      registers: 'The register of recipients names organisations, not users of the portal. As a staff member you appear in the breach register at the breaches you recorded.',
    },
  },
};
