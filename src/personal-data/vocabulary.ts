// The words the personal-data map is written in: purposes (each with its own legal basis), data categories and
// retention rules, each with its Dutch and English wording. The statement, the register, the access archive and
// the retention sweep all read them from here, so a rule is stated once.

export type Lang = 'nl' | 'en';
export type Text = Record<Lang, string>;

/** GDPR Art. 6(1) grounds a public body may use. Legitimate interests (f) is left out: Art. 6(1) last sentence. */
export const legalBases = {
  consent: { article: 'Art. 6(1)(a)', nl: 'toestemming', en: 'consent' },
  contract: { article: 'Art. 6(1)(b)', nl: 'uitvoering van een overeenkomst', en: 'performance of a contract' },
  legal_obligation: { article: 'Art. 6(1)(c)', nl: 'wettelijke verplichting', en: 'legal obligation' },
  public_task: { article: 'Art. 6(1)(e)', nl: 'taak van algemeen belang', en: 'public task' },
} as const;
export type LegalBasis = keyof typeof legalBases;

export interface Purpose {
  name: Text;
  /** The basis when the operator configures none (PRIVACY_BASIS_<PURPOSE>). */
  defaultBasis: LegalBasis;
  /** Who the data is about. */
  subjects: Text;
}

/** What personal data is processed for. Each purpose has its own legal basis, never consent for everything. */
export const purposes = {
  accounts: {
    name: { nl: 'Portaalaccounts: aanmelden, API-sleutels en berichten over uw account', en: 'Portal accounts: sign-in, API keys and messages about your account' },
    defaultBasis: 'public_task',
    subjects: { nl: 'geregistreerde gebruikers', en: 'registered users' },
  },
  security: {
    name: { nl: 'Beveiliging van het portaal: sessies, tweede factor, misbruik van aanmeldingen weren', en: 'Portal security: sessions, second factor, stopping abuse of sign-in' },
    defaultBasis: 'legal_obligation',
    subjects: { nl: 'geregistreerde gebruikers', en: 'registered users' },
  },
  publishing: {
    name: { nl: 'Datasets publiceren met een contactpunt, zoals DCAT-AP vraagt', en: 'Publishing datasets with a contact point, as DCAT-AP requires' },
    defaultBasis: 'public_task',
    subjects: { nl: 'contactpersonen van datasets', en: 'dataset contact persons' },
  },
  accountability: {
    name: { nl: 'Verantwoording: logboek van wat medewerkers en gebruikers deden, bewijs van aanvaarding', en: 'Accountability: a log of what staff and users did, proof of acceptance' },
    defaultBasis: 'legal_obligation',
    subjects: { nl: 'gebruikers en medewerkers', en: 'users and staff' },
  },
  privacy_requests: {
    name: { nl: 'Verzoeken over persoonsgegevens behandelen (inzage, verbetering, wissing, …)', en: 'Handling requests about personal data (access, rectification, erasure, …)' },
    defaultBasis: 'legal_obligation',
    subjects: { nl: 'verzoekers, met of zonder account', en: 'requesters, with or without an account' },
  },
  registers: {
    name: { nl: 'De registers die de AVG vraagt bijhouden: ontvangers en verwerkers, datalekken', en: 'Keeping the registers the GDPR requires: recipients and processors, personal-data breaches' },
    defaultBasis: 'legal_obligation',
    subjects: { nl: 'contactpersonen van verwerkers; medewerkers die een datalek registreren', en: 'contact persons of processors; staff who record a breach' },
  },
} as const satisfies Record<string, Purpose>;
export type PurposeId = keyof typeof purposes;

/** Kinds of personal data, as the statement and the register name them. */
export const categories = {
  identity: { nl: 'naam', en: 'name' },
  contact: { nl: 'e-mailadres', en: 'email address' },
  credentials: { nl: 'aanmeldgegevens (alleen als hash of versleuteld)', en: 'credentials (only hashed or encrypted)' },
  account_metadata: { nl: 'gegevens over het account (aangemaakt, laatst actief)', en: 'account data (created, last active)' },
  identifier: { nl: 'interne identificatiecode van een account', en: 'internal identifier of an account' },
  preferences: { nl: 'keuzes en toestemmingen', en: 'choices and consents' },
  messages: { nl: 'inhoud van berichten en verzoeken', en: 'content of messages and requests' },
  contact_point: { nl: 'naam en e-mailadres van een contactpunt van een dataset', en: 'name and email address of a dataset contact point' },
  attempt_digest: { nl: 'tellers van pogingen (aanmelden, codes, berichten) per sleutel-hash van uw e-mailadres, account of IP-adres', en: 'counters of attempts (sign-in, codes, messages) per keyed digest of your email address, account or IP address' },
} as const satisfies Record<string, Text>;
export type CategoryId = keyof typeof categories;

export interface RetentionRule {
  text: Text;
  /**
   * What starts the clock, as `table.column`: the retention sweep (src/privacy/retention) applies the rule to the
   * rows of that table, and has a step for each rule with a trigger. Null where the data has no deadline of its own.
   */
  trigger: string | null;
  /** ISO-8601 duration after the trigger; null with no own deadline. The statement promises five years at most. */
  period: string | null;
  /**
   * For a rule without a trigger: the table whose rows take these with them when they go (by erasure or a cascade),
   * so the data lives exactly as long as its owner, whose own rule the sweep applies.
   */
  livesWith?: string;
  /**
   * The legal-hold object type that names rows of the trigger's table by their `id` (e.g. `case`), for a rule the sweep
   * applies generically (delete the rows whose trigger is past the period); without it no hold can keep them.
   */
  heldAs?: string;
}

export const retentionRules = {
  account: {
    text: { nl: 'tot u het account verwijdert; een account dat vijf jaar niet gebruikt is, wordt verwijderd (u krijgt 30 dagen vooraf een bericht)', en: 'until you delete the account; an account unused for five years is deleted (you are told 30 days before)' },
    trigger: 'users.last_active_at',
    period: 'P5Y',
  },
  account_data: {
    text: { nl: 'zolang het account bestaat; verwijderd samen met het account', en: 'as long as the account exists; deleted with the account' },
    trigger: null,
    period: null,
    livesWith: 'users',
  },
  session: {
    text: { nl: 'tot u zich afmeldt of de sessie verloopt (uren)', en: 'until you sign out or the session expires (hours)' },
    trigger: 'sessions.expires_at',
    period: 'PT0S',
  },
  link: {
    text: { nl: 'tot een dag nadat de link gebruikt is of verloopt, hoogstens 7 dagen', en: 'until a day after the link is used or expires, at most 7 days' },
    // The grace day counts from use as well as from expiry.
    trigger: 'account_tokens.expires_at',
    period: 'P1D',
  },
  mail: {
    text: { nl: '30 dagen na verzending', en: '30 days after sending' },
    // A mail that could not be delivered counts from when it was written.
    trigger: 'mail_outbox.sent_at',
    period: 'P30D',
  },
  audit: {
    text: { nl: 'vijf jaar na de gebeurtenis', en: 'five years after the event' },
    trigger: 'events.at',
    period: 'P5Y',
  },
  consent_proof: {
    text: { nl: 'zolang het account bestaat; daarna zonder verwijzing naar u, hoogstens vijf jaar', en: 'while the account exists; after that without reference to you, five years at most' },
    // Only proofs no longer tied to an account (erased, pseudonymised) expire; an account's own proofs live with it.
    trigger: 'consents.given_at',
    period: 'P5Y',
  },
  case: {
    text: { nl: 'vijf jaar na het afsluiten van het verzoek, als bewijs dat het behandeld is', en: 'five years after the request is closed, as proof that it was handled' },
    trigger: 'privacy_cases.closed_at',
    period: 'P5Y',
    heldAs: 'case',
  },
  case_step: {
    text: { nl: 'samen met het verzoek waartoe ze horen, vijf jaar nadat het afgesloten is', en: 'together with the request they belong to, five years after it is closed' },
    // A step can be written after the case closed (the requester's erasure): it goes with its case, not before or after.
    trigger: null,
    period: null,
    livesWith: 'privacy_cases',
  },
  recipient: {
    text: { nl: 'vijf jaar nadat de samenwerking met de ontvanger of verwerker beëindigd is', en: 'five years after the work with the recipient or processor ended' },
    trigger: 'privacy_recipients.ended_at',
    period: 'P5Y',
  },
  breach: {
    text: { nl: 'vijf jaar nadat het datalek afgehandeld is', en: 'five years after the breach was dealt with' },
    trigger: 'privacy_breaches.closed_at',
    period: 'P5Y',
  },
  archive: {
    text: { nl: '7 dagen: daarna verdwijnt uw gedownloade archief van de server', en: '7 days: after that your downloadable archive is removed from the server' },
    trigger: 'access_archives.expires_at',
    period: 'PT0S',
  },
  published: {
    text: { nl: 'zolang de dataset gepubliceerd is', en: 'while the dataset is published' },
    trigger: null,
    period: null,
    livesWith: 'datasets',
  },
  attempts: {
    text: { nl: 'tot het einde van het venster waarin ze tellen (een kwartier tot een uur); de dagelijkse opruiming verwijdert ze daarna', en: 'until the end of the window they count in (fifteen minutes to an hour); the daily sweep removes them after that' },
    trigger: 'attempt_counters.expires_at',
    period: 'PT0S',
  },
  legal_hold: {
    text: { nl: 'zolang de bewaarplicht loopt, daarna vijf jaar als verantwoording', en: 'while the hold applies, then five years as accountability' },
    trigger: 'legal_holds.ends_at',
    period: 'P5Y',
  },
} as const satisfies Record<string, RetentionRule>;
export type RetentionId = keyof typeof retentionRules;
