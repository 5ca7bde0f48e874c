// Realistic datasets and a catalogue description for the DCAT export tests, plus RDF parsing and comparison helpers.
import { Parser, Store } from 'n3';
import type { Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { CatalogDescription } from '../../src/dcat/index.ts';
import type { Dataset, DatasetMetadata, Field } from '../../src/catalog/types.ts';

export const baseUrl = 'https://data.opaal.test';

export const catalog: CatalogDescription = {
  title: { nl: 'Open data van het Departement WSE', en: 'Open data of the Department WSE' },
  description: { nl: 'Cijfers over werk en sociale economie.', en: 'Figures on work and social economy.' },
  publisher: { name: 'Departement Werk en Sociale Economie', uri: 'https://data.vlaanderen.be/id/organisatie/OVO000084' },
  contactEmail: 'opendata@wse.example.be',
  identifier: 'opaal-wse',
};

const field = (name: string, type: Field['type']): Field => ({ name, label: name, type, description: null, annotations: {} });

const emptyMetadata: DatasetMetadata = {
  title: {}, description: {}, theme: [], keyword: {}, publisher: null, contactPoint: null, license: null, language: [],
  temporal: null, spatial: [], accrualPeriodicity: null, accessRights: 'PUBLIC', landingPage: null, issued: null, key: [],
};

export function makeDataset(id: string, metadata: Partial<DatasetMetadata>, fields: Field[] = [field('jaar', 'int')]): Dataset {
  return {
    id,
    uid: `da_${id.replace(/[^a-z0-9]/g, '').slice(0, 6)}`,
    metadata: { ...emptyMetadata, ...metadata },
    fields,
    visibility: 'public',
    currentVersion: 'v1',
    recordsCount: 120,
    createdAt: '2024-03-01T09:00:00.000Z',
    modifiedAt: '2025-01-15T14:30:00.000Z',
    dataModifiedAt: '2025-01-15T14:30:00.000Z',
    metadataModifiedAt: '2025-01-10T08:00:00.000Z',
    publishedAt: '2024-03-01T09:00:00.000Z',
  };
}

/** Rich metadata, a geo field (so a GeoJSON distribution), both languages. */
export const jobSeekers = makeDataset(
  'werkzoekenden-per-gemeente',
  {
    title: { nl: 'Werkzoekenden per gemeente', en: 'Job seekers per municipality' },
    description: { nl: 'Niet-werkende werkzoekenden per Vlaamse gemeente, per maand.', en: 'Unemployed job seekers per Flemish municipality, monthly.' },
    theme: ['ECON', 'SOCI'],
    keyword: { nl: ['werk', 'arbeidsmarkt'], en: ['employment'] },
    publisher: { name: 'VDAB', uri: 'https://data.vlaanderen.be/id/organisatie/OVO000050' },
    contactPoint: { name: 'Studiedienst VDAB', email: 'studiedienst@vdab.example.be', url: null },
    license: { title: 'Modellicentie Gratis Hergebruik', url: 'https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0' },
    language: ['nl', 'en'],
    temporal: { start: '2015-01-01', end: '2024-12-31' },
    spatial: ['Vlaanderen'],
    accrualPeriodicity: 'MONTHLY',
    landingPage: 'https://www.vdab.be/trends',
    issued: '2019-05-02',
  },
  [field('gemeente', 'text'), field('aantal', 'int'), field('locatie', 'geo_point_2d')],
);

/** A contact point with only a web form, Dutch only. */
export const socialEconomy = makeDataset('maatwerkbedrijven', {
  title: { nl: 'Maatwerkbedrijven' },
  description: { nl: 'Erkende maatwerkbedrijven met hun vestigingen.' },
  theme: ['SOCI'],
  keyword: { nl: ['sociale economie'] },
  publisher: { name: 'Departement WSE', uri: null },
  contactPoint: { name: null, email: null, url: 'https://www.vlaanderen.be/werk/contact' },
  language: ['nl'],
  accrualPeriodicity: 'ANNUAL',
  issued: '2023-06-30T10:00:00+02:00',
});

/** Minimal metadata: no description, no contact point, no publisher; the fallbacks must make it conform. */
export const minimal = makeDataset('ruwe-export', { title: { nl: 'Ruwe export' } });

export function parseTurtle(text: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(text);
}

export function parseRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Quads as sorted N-Triples-like keys with blank-node labels erased, for comparing graphs across serialisations. */
export function shape(quads: Quad[]): string[] {
  const term = (t: Quad['subject'] | Quad['object']) =>
    t.termType === 'BlankNode' ? '_' : t.termType === 'Literal' ? JSON.stringify([t.value, t.language, t.datatype.value]) : `<${t.value}>`;
  return quads.map((q) => `${term(q.subject)} <${q.predicate.value}> ${term(q.object)}`).sort();
}

export function store(quads: Quad[]): Store {
  return new Store(quads);
}
