// The portal's catalogue as DCAT-AP 3.0 / DCAT-AP-VL 3.0 triples: catalog, datasets, distributions, agents, contacts.
import { DataFactory } from 'n3';
import type { BlankNode, NamedNode, Quad, Quad_Object, Quad_Subject } from 'n3';
import type { Agent, ContactPoint, Dataset, LocalizedText } from '../catalog/types.ts';
import { type EveryLanguage, type Language, languages } from '../i18n/index.ts';
import {
  cleanText, dcat, dct, distributionFormats, euAccessRight, euFileType, euFrequency, euTheme, flemishCc0, foaf,
  ianaMediaType, languageIri, mailtoIri, rdf, safeIri, skos, vcard, xsd,
} from './vocabulary.ts';
import type { DistributionFormat } from './vocabulary.ts';

const { namedNode, blankNode, literal, quad } = DataFactory;

export interface CatalogDescription {
  title: EveryLanguage;
  description: EveryLanguage;
  publisher: { name: string; uri: string | null };
  contactEmail: string;
  identifier: string;
}

export type DcatProfile = 'dcat_ap' | 'dcat_ap_vl';

export interface CatalogGraphOptions {
  baseUrl: string;
  catalog: CatalogDescription;
  profile: DcatProfile;
  /** Language of metadata that carries none (publisher and place names); DCAT-AP-VL wants agent names tagged. */
  language?: Language;
}

/** Where the catalogue node lives; stable across profiles so harvesters see one catalogue. */
export function catalogIri(baseUrl: string): string {
  return `${baseUrl}/api/explore/v2.1/catalog/exports/dcat#catalog`;
}

export function datasetIri(baseUrl: string, id: string): string {
  return `${baseUrl}/datasets/${encodeURIComponent(id)}`;
}

/** Collects triples, dropping exact duplicates (a publisher shared by many datasets is described once). */
class Graph {
  readonly quads: Quad[] = [];
  private readonly seen = new Set<string>();
  private blanks = 0;

  /** Blank nodes named in order, so the same catalogue always serialises to the same bytes. */
  blank(): BlankNode {
    return blankNode(`b${this.blanks++}`);
  }

  add(subject: Quad_Subject, predicate: NamedNode, object: Quad_Object): void {
    const q = quad(subject, predicate, object);
    const key = `${termKey(subject)} ${predicate.value} ${termKey(object)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(q);
  }
}

function termKey(term: Quad_Subject | Quad_Object): string {
  if (term.termType === 'Literal') return JSON.stringify([term.value, term.language, term.datatype.value]);
  return `${term.termType}:${term.value}`;
}

/** Non-empty, cleaned text; null when nothing is left. */
function text(value: string | null | undefined): string | null {
  const cleaned = value == null ? '' : cleanText(value).trim();
  return cleaned === '' ? null : cleaned;
}

function taggedTexts(values: LocalizedText): { language: Language; value: string }[] {
  return languages.flatMap((language) => {
    const value = text(values[language]);
    return value ? [{ language, value }] : [];
  });
}

/** A date-only value stays xsd:date; anything with a time becomes a UTC xsd:dateTime. */
function dateLiteral(value: string | null | undefined) {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return literal(value, xsd('date'));
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  return literal(new Date(time).toISOString().replace(/\.000Z$/, 'Z'), xsd('dateTime'));
}

function hasGeoField(dataset: Dataset): boolean {
  return dataset.fields.some((f) => f.type === 'geo_point_2d' || f.type === 'geo_shape');
}

/** The whole catalogue as quads; callers pass only the datasets the requester may see. */
export function catalogGraph(datasets: Dataset[], options: CatalogGraphOptions): Quad[] {
  const graph = new Graph();
  const { baseUrl, catalog, profile } = options;
  const untagged = options.language ?? 'nl';
  const catalogNode = namedNode(catalogIri(baseUrl));
  const api = `${baseUrl}/api/explore/v2.1/catalog/datasets`;

  const addAgent = (agent: Agent): NamedNode | BlankNode => {
    const uri = safeIri(agent.uri);
    const node = uri ? namedNode(uri) : graph.blank();
    graph.add(node, rdf('type'), foaf('Agent'));
    graph.add(node, foaf('name'), literal(text(agent.name) ?? uri ?? 'unknown', untagged));
    return node;
  };

  const addContact = (contact: ContactPoint | null, fallbackEmail: string): BlankNode => {
    const node = graph.blank();
    graph.add(node, rdf('type'), vcard('Organization'));
    const name = text(contact?.name);
    if (name) graph.add(node, vcard('fn'), literal(name, untagged));
    const email = mailtoIri(contact?.email);
    const url = safeIri(contact?.url);
    if (email) graph.add(node, vcard('hasEmail'), namedNode(email));
    if (url) graph.add(node, vcard('hasURL'), namedNode(url));
    // The catalogue's address stands in so that the mandatory contact point is never empty.
    const fallback = mailtoIri(fallbackEmail);
    if (!email && !url && fallback) graph.add(node, vcard('hasEmail'), namedNode(fallback));
    return node;
  };

  const addLicense = (subject: Quad_Subject, iri: string | null) => {
    if (!iri) return;
    graph.add(subject, dct('license'), namedNode(iri));
    graph.add(namedNode(iri), rdf('type'), dct('LicenseDocument'));
  };

  // The catalogue.
  graph.add(catalogNode, rdf('type'), dcat('Catalog'));
  const catalogIdentifier = text(catalog.identifier) ?? baseUrl;
  for (const language of languages) {
    graph.add(catalogNode, dct('title'), literal(text(catalog.title[language]) ?? catalogIdentifier, language));
    const description = text(catalog.description[language]) ?? text(catalog.title[language]) ?? catalogIdentifier;
    graph.add(catalogNode, dct('description'), literal(description, language));
  }
  const catalogPublisher = addAgent(catalog.publisher);
  graph.add(catalogNode, dct('publisher'), catalogPublisher);
  graph.add(catalogNode, dct('identifier'), literal(catalogIdentifier));
  graph.add(catalogNode, dcat('contactPoint'), addContact(null, catalog.contactEmail));
  graph.add(catalogNode, foaf('homepage'), namedNode(`${baseUrl}/`));
  if (profile === 'dcat_ap_vl') addLicense(catalogNode, flemishCc0);

  for (const dataset of datasets) {
    const m = dataset.metadata;
    const node = namedNode(datasetIri(baseUrl, dataset.id));
    graph.add(catalogNode, dcat('dataset'), node);
    graph.add(node, rdf('type'), dcat('Dataset'));
    graph.add(node, dct('identifier'), literal(dataset.id));

    const titles = taggedTexts(m.title);
    if (titles.length === 0) titles.push({ language: untagged, value: dataset.id });
    const descriptions = taggedTexts(m.description);
    for (const t of titles) graph.add(node, dct('title'), literal(t.value, t.language));
    // A mandatory description must not be empty: the title stands in when there is none.
    for (const d of descriptions.length > 0 ? descriptions : titles) graph.add(node, dct('description'), literal(d.value, d.language));

    for (const language of languages) {
      for (const keyword of m.keyword[language] ?? []) {
        const value = text(keyword);
        if (value) graph.add(node, dcat('keyword'), literal(value, language));
      }
    }
    for (const theme of m.theme) graph.add(node, dcat('theme'), euTheme(theme));

    graph.add(node, dct('publisher'), m.publisher && text(m.publisher.name) ? addAgent(m.publisher) : catalogPublisher);
    graph.add(node, dcat('contactPoint'), addContact(m.contactPoint, catalog.contactEmail));
    graph.add(node, dct('accessRights'), euAccessRight(m.accessRights));
    const license = safeIri(m.license?.url);
    addLicense(node, license);

    const issued = dateLiteral(m.issued ?? dataset.createdAt);
    if (issued) graph.add(node, dct('issued'), issued);
    const modified = dateLiteral(dataset.modifiedAt);
    if (modified) graph.add(node, dct('modified'), modified);

    const start = dateLiteral(m.temporal?.start);
    const end = dateLiteral(m.temporal?.end);
    if (start || end) {
      const period = graph.blank();
      graph.add(node, dct('temporal'), period);
      graph.add(period, rdf('type'), dct('PeriodOfTime'));
      if (start) graph.add(period, dcat('startDate'), start);
      if (end) graph.add(period, dcat('endDate'), end);
    }
    // Place names are not IRIs: each becomes a dct:Location labelled with the name.
    for (const place of m.spatial) {
      const label = text(place);
      if (!label) continue;
      const location = graph.blank();
      graph.add(node, dct('spatial'), location);
      graph.add(location, rdf('type'), dct('Location'));
      graph.add(location, skos('prefLabel'), literal(label, untagged));
    }
    if (m.accrualPeriodicity) graph.add(node, dct('accrualPeriodicity'), euFrequency(m.accrualPeriodicity));
    for (const code of m.language) {
      const iri = languageIri(code);
      if (iri) graph.add(node, dct('language'), iri);
    }
    const landingPage = safeIri(m.landingPage);
    if (landingPage) graph.add(node, dcat('landingPage'), namedNode(landingPage));

    const formats: DistributionFormat[] = hasGeoField(dataset) ? ['csv', 'json', 'geojson'] : ['csv', 'json'];
    for (const format of formats) {
      const distribution = namedNode(`${node.value}#distribution-${format}`);
      const url = namedNode(`${api}/${encodeURIComponent(dataset.id)}/exports/${format}`);
      graph.add(node, dcat('distribution'), distribution);
      graph.add(distribution, rdf('type'), dcat('Distribution'));
      graph.add(distribution, dct('identifier'), literal(`${dataset.id}-${format}`));
      graph.add(distribution, dcat('accessURL'), url);
      graph.add(distribution, dcat('downloadURL'), url);
      graph.add(distribution, dct('format'), euFileType(distributionFormats[format].fileType));
      graph.add(distribution, dcat('mediaType'), ianaMediaType(distributionFormats[format].mediaType));
      addLicense(distribution, license);
    }
  }
  return graph.quads;
}

/** Quads regrouped by subject (in order of first appearance), so each node is written as one block. */
export function groupBySubject(quads: Quad[]): Quad[][] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    const group = groups.get(key);
    if (group) group.push(q);
    else groups.set(key, [q]);
  }
  return [...groups.values()];
}
