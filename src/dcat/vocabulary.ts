// The RDF vocabularies and EU authority tables the DCAT export speaks, and the guards that keep IRIs and text valid.
import { DataFactory } from 'n3';
import type { NamedNode } from 'n3';

const { namedNode } = DataFactory;

/** Prefixes used for Turtle and RDF/XML; every predicate and class we emit lives in one of these. */
export const prefixes = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Namespace = (local: string) => NamedNode;
const namespace =
  (base: string): Namespace =>
  (local) =>
    namedNode(base + local);

export const rdf = namespace(prefixes.rdf);
export const dcat = namespace(prefixes.dcat);
export const dct = namespace(prefixes.dct);
export const foaf = namespace(prefixes.foaf);
export const vcard = namespace(prefixes.vcard);
export const skos = namespace(prefixes.skos);
export const xsd = namespace(prefixes.xsd);

const authority = 'http://publications.europa.eu/resource/authority/';
export const euTheme = namespace(`${authority}data-theme/`);
export const euAccessRight = namespace(`${authority}access-right/`);
export const euFrequency = namespace(`${authority}frequency/`);
const euLanguage = namespace(`${authority}language/`);
export const euFileType = namespace(`${authority}file-type/`);
export const ianaMediaType = namespace('https://www.iana.org/assignments/media-types/');

/** The licence DCAT-AP-VL asks of the catalogue itself. */
export const flemishCc0 = 'https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0';

/** The export formats every dataset offers, as EU file types and IANA media types. */
export const distributionFormats = {
  csv: { fileType: 'CSV', mediaType: 'text/csv' },
  json: { fileType: 'JSON', mediaType: 'application/json' },
  geojson: { fileType: 'GEOJSON', mediaType: 'application/geo+json' },
} as const;
export type DistributionFormat = keyof typeof distributionFormats;

/** ISO 639-1 codes publishers write, mapped to the EU language authority's codes. */
const languageCodes: Record<string, string> = {
  nl: 'NLD', en: 'ENG', fr: 'FRA', de: 'DEU', es: 'SPA', it: 'ITA', pt: 'POR', da: 'DAN', sv: 'SWE', fi: 'FIN',
  pl: 'POL', cs: 'CES', sk: 'SLK', sl: 'SLV', hu: 'HUN', ro: 'RON', bg: 'BUL', el: 'ELL', et: 'EST', lv: 'LAV',
  lt: 'LIT', hr: 'HRV', ga: 'GLE', mt: 'MLT', tr: 'TUR', ar: 'ARA', zh: 'ZHO', ru: 'RUS', uk: 'UKR',
};

/** `nl`, `nl-BE` or `NLD` → the EU language IRI; null when the code is not one we can map. */
export function languageIri(code: string): NamedNode | null {
  const c = code.trim().toLowerCase();
  const two = languageCodes[c.split(/[-_]/)[0] ?? ''];
  if (two) return euLanguage(two);
  return /^[a-z]{3}$/.test(c) ? euLanguage(c.toUpperCase()) : null;
}

/** Text XML 1.0 can carry, so that Turtle and RDF/XML hold exactly the same literals. */
export function cleanText(value: string): string {
  return value.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

// Characters an IRI may not contain in Turtle (IRIREF) or that would need escaping anywhere.
const notInIri = /[\u0000-\u0020<>"{}|\\^`\u007F]/g;
const percent = (ch: string) =>
  [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** An http(s) or mailto: IRI safe for every serialisation, or null when the value is no such URL. */
export function safeIri(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(cleanText(value).trim());
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return null;
  return url.href.replace(notInIri, percent);
}

/** `mailto:` IRI for an address; null when the address cannot be one. */
export function mailtoIri(email: string | null | undefined): string | null {
  if (!email) return null;
  const address = email.trim().replace(/^mailto:/i, '');
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) return null;
  return safeIri(`mailto:${address}`);
}
