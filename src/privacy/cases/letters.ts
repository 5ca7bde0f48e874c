// The letters of a case in the requester's language, as paragraphs: printed from the console and mailed alike.
import type { Language } from '../../i18n/index.ts';
import type { CaseType, PrivacyCase } from './types.ts';

export type LetterKind = 'reply' | 'refusal' | 'extension';

export interface Letter {
  kind: LetterKind;
  title: string;
  /** Label and value lines at the head of the letter. */
  facts: [string, string][];
  paragraphs: string[];
  signature: string;
}

export const typeNames: Record<Language, Record<CaseType, string>> = {
  nl: { access: 'inzage', rectification: 'verbetering', erasure: 'wissing', restriction: 'beperking van de verwerking', objection: 'bezwaar', portability: 'overdraagbaarheid', question: 'vraag' },
  en: { access: 'access', rectification: 'rectification', erasure: 'erasure', restriction: 'restriction of processing', objection: 'objection', portability: 'portability', question: 'question' },
};

/** A calendar day or an instant as people of the language write a date. */
export function dateText(lang: Language, value: string, timeZone: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { dateStyle: 'long', timeZone: day ? 'UTC' : timeZone }).format(new Date(day ? `${value}T00:00:00Z` : value));
}

/** Where to complain (GDPR Art. 77, 79): the Flemish supervisory authority and the courts. */
export const complaintRoute: Record<Language, string> = {
  nl: 'Bent u het niet eens met dit antwoord, dan kunt u klacht indienen bij de Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens (www.toezichtcommissie.be, contact@toezichtcommissie.be). U kunt ook naar de rechtbank stappen.',
  en: 'If you disagree with this answer, you may lodge a complaint with the Vlaamse Toezichtcommissie, the Flemish supervisory authority for the processing of personal data (www.toezichtcommissie.be, contact@toezichtcommissie.be). You may also go to court.',
};

const titles: Record<Language, Record<LetterKind, string>> = {
  nl: { reply: 'Antwoord op uw verzoek', refusal: 'Weigering van uw verzoek', extension: 'Verlenging van de termijn voor uw verzoek' },
  en: { reply: 'Answer to your request', refusal: 'Refusal of your request', extension: 'Extension of the time limit for your request' },
};

export function letterFor(kind: LetterKind, c: PrivacyCase, p: { portal: string; timeZone: string }): Letter {
  const lang = c.language;
  const nl = lang === 'nl';
  const when = (v: string) => dateText(lang, v, p.timeZone);
  const facts: [string, string][] = [
    [nl ? 'Referentie' : 'Reference', c.reference],
    [nl ? 'Soort verzoek' : 'Kind of request', typeNames[lang][c.type]],
    [nl ? 'Ontvangen op' : 'Received on', when(c.receivedAt)],
    [nl ? 'Antwoord uiterlijk op' : 'Answer due by', when(c.dueAt)],
  ];
  const asked = c.message ? [nl ? `U vroeg: “${c.message}”` : `You asked: “${c.message}”`] : [];
  const body: Record<LetterKind, string[]> = {
    reply: [...asked, nl ? `Wat we deden: ${c.outcome ?? ''}` : `What we did: ${c.outcome ?? ''}`, complaintRoute[lang]],
    refusal: [
      ...asked,
      nl ? `We kunnen op uw verzoek niet ingaan. De reden: ${c.outcome ?? ''}` : `We cannot grant your request. The reason: ${c.outcome ?? ''}`,
      complaintRoute[lang],
    ],
    extension: [
      nl
        ? `Uw verzoek vraagt meer tijd dan één maand. We verlengen de termijn daarom eenmalig tot ${when(c.dueAt)}. De reden: ${c.extensionReason ?? ''}`
        : `Your request needs more time than one month. We therefore extend the time limit once, to ${when(c.dueAt)}. The reason: ${c.extensionReason ?? ''}`,
      complaintRoute[lang],
    ],
  };
  return {
    kind,
    title: titles[lang][kind],
    facts,
    paragraphs: body[kind],
    signature: nl ? `De functionaris voor gegevensbescherming van ${p.portal}` : `The data protection officer of ${p.portal}`,
  };
}

/** The letter as the plain text of a mail. */
export function letterText(letter: Letter): string {
  return [letter.title, '', ...letter.facts.map(([k, v]) => `${k}: ${v}`), '', ...letter.paragraphs.flatMap((p) => [p, '']), letter.signature, ''].join('\n');
}
