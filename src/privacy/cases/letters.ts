// The letters of a case in the requester's language, as paragraphs: printed from the console and mailed alike.
import { locales, messages, type KeysExactly, type Language, type Messages } from '../../i18n/index.ts';
import type { CaseType, PrivacyCase } from './types.ts';
import { authorityContact, type AuthorityId } from '../authorities.ts';

export type LetterKind = 'reply' | 'refusal' | 'extension';

export interface Letter {
  kind: LetterKind;
  title: string;
  /** Label and value lines at the head of the letter. */
  facts: [string, string][];
  paragraphs: string[];
  signature: string;
}

/** A calendar day or an instant as people of the language write a date. */
export function dateText(lang: Language, value: string, timeZone: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: day ? 'UTC' : timeZone }).format(new Date(day ? `${value}T00:00:00Z` : value));
}

// The catalogs name every kind of request and letter, and no other.
true satisfies KeysExactly<Messages['letters']['caseTypes'], CaseType>;
true satisfies KeysExactly<Messages['letters']['titles'], LetterKind>;

/** What a letter takes from the portal's settings: its name, time zone and the authority that hears complaints. */
export interface LetterFacts {
  portal: string;
  timeZone: string;
  authority: AuthorityId;
}

export function letterFor(kind: LetterKind, c: PrivacyCase, p: LetterFacts): Letter {
  const lang = c.language;
  const t = messages(lang).letters;
  const when = (v: string) => dateText(lang, v, p.timeZone);
  const facts: [string, string][] = [
    [t.reference, c.reference],
    [t.kind, t.caseTypes[c.type]],
    [t.receivedOn, when(c.receivedAt)],
    [t.dueBy, when(c.dueAt)],
  ];
  const a = authorityContact(p.authority, lang);
  const complaint = t.complaintRoute(a.name, a.address, a.email, a.website);
  const asked = c.message ? [t.asked(c.message)] : [];
  const body: Record<LetterKind, string[]> = {
    reply: [...asked, t.done(c.outcome ?? ''), complaint],
    refusal: [...asked, t.refused(c.outcome ?? ''), complaint],
    extension: [t.extended(when(c.dueAt), c.extensionReason ?? ''), complaint],
  };
  return { kind, title: t.titles[kind], facts, paragraphs: body[kind], signature: t.signature(p.portal) };
}

/** The letter as the plain text of a mail. */
export function letterText(letter: Letter): string {
  return [letter.title, '', ...letter.facts.map(([k, v]) => `${k}: ${v}`), '', ...letter.paragraphs.flatMap((p) => [p, '']), letter.signature, ''].join('\n');
}
