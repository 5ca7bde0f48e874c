// The DCAT-AP mapping: fallbacks for mandatory properties, distributions per export format, profiles and vocabularies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory, Store } from 'n3';
import { catalogGraph, catalogIri, datasetIri } from '../../src/dcat/index.ts';
import { baseUrl, catalog, jobSeekers, makeDataset, minimal, socialEconomy } from './catalog-fixture.ts';

const { namedNode } = DataFactory;
const dcat = (local: string) => namedNode(`http://www.w3.org/ns/dcat#${local}`);
const dct = (local: string) => namedNode(`http://purl.org/dc/terms/${local}`);
const vcard = (local: string) => namedNode(`http://www.w3.org/2006/vcard/ns#${local}`);
const foafName = namedNode('http://xmlns.com/foaf/0.1/name');

const graph = (profile: 'dcat_ap' | 'dcat_ap_vl' = 'dcat_ap_vl') =>
  new Store(catalogGraph([jobSeekers, socialEconomy, minimal], { baseUrl, catalog, profile }));
const values = (store: Store, subject: string, predicate: ReturnType<typeof namedNode>) =>
  store.getObjects(namedNode(subject), predicate, null).map((o) => o.value).sort();
const one = (store: Store, subject: string, predicate: ReturnType<typeof namedNode>) => {
  const objects = store.getObjects(namedNode(subject), predicate, null);
  assert.equal(objects.length, 1, `${subject} ${predicate.value}`);
  return objects[0]!;
};

test('a dataset without description uses its title, per language, as description', () => {
  const store = graph();
  const description = one(store, datasetIri(baseUrl, minimal.id), dct('description'));
  assert.equal(description.value, 'Ruwe export');
  assert.equal(description.termType === 'Literal' && description.language, 'nl');
});

test('a dataset without contact point or publisher gets the catalogue’s', () => {
  const store = graph();
  const dataset = datasetIri(baseUrl, minimal.id);
  const contact = one(store, dataset, dcat('contactPoint'));
  assert.deepEqual(store.getObjects(contact, vcard('hasEmail'), null).map((o) => o.value), ['mailto:opendata@wse.example.be']);
  assert.equal(one(store, dataset, dct('publisher')).value, catalog.publisher.uri);
});

test('a contact point with only a web address keeps it as vcard:hasURL and invents no e-mail', () => {
  const store = graph();
  const contact = one(store, datasetIri(baseUrl, socialEconomy.id), dcat('contactPoint'));
  assert.deepEqual(store.getObjects(contact, vcard('hasURL'), null).map((o) => o.value), ['https://www.vlaanderen.be/werk/contact']);
  assert.equal(store.getObjects(contact, vcard('hasEmail'), null).length, 0);
});

test('a publisher without IRI is a blank foaf:Agent with a language-tagged name', () => {
  const store = graph();
  const publisher = one(store, datasetIri(baseUrl, socialEconomy.id), dct('publisher'));
  assert.equal(publisher.termType, 'BlankNode');
  const name = store.getObjects(publisher, foafName, null)[0]!;
  assert.equal(name.value, 'Departement WSE');
  assert.equal(name.termType === 'Literal' && name.language, 'nl');
});

test('offers CSV and JSON for every dataset and GeoJSON only with a geo field, each with exactly one accessURL', () => {
  const store = graph();
  for (const [dataset, formats] of [[jobSeekers, ['csv', 'geojson', 'json']], [minimal, ['csv', 'json']]] as const) {
    const distributions = values(store, datasetIri(baseUrl, dataset.id), dcat('distribution'));
    assert.equal(distributions.length, formats.length);
    const accessUrls = distributions.map((d) => one(store, d, dcat('accessURL')).value).sort();
    assert.deepEqual(accessUrls, formats.map((f) => `${baseUrl}/api/explore/v2.1/catalog/datasets/${dataset.id}/exports/${f}`));
    for (const d of distributions) {
      assert.equal(one(store, d, dcat('downloadURL')).value, one(store, d, dcat('accessURL')).value);
      assert.match(one(store, d, dct('format')).value, /^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/(CSV|JSON|GEOJSON)$/);
      assert.match(one(store, d, dcat('mediaType')).value, /^https:\/\/www\.iana\.org\/assignments\/media-types\/(text\/csv|application\/(geo\+)?json)$/);
      one(store, d, dct('identifier'));
    }
  }
});

test('distributions carry the dataset licence when it has one', () => {
  const store = graph();
  const [csv] = values(store, datasetIri(baseUrl, jobSeekers.id), dcat('distribution'));
  assert.equal(one(store, csv!, dct('license')).value, jobSeekers.metadata.license!.url);
  const [minimalCsv] = values(store, datasetIri(baseUrl, minimal.id), dcat('distribution'));
  assert.equal(store.getObjects(namedNode(minimalCsv!), dct('license'), null).length, 0);
});

test('only the DCAT-AP-VL profile gives the catalogue the Flemish CC0 licence', () => {
  const cc0 = 'https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0';
  assert.deepEqual(values(graph('dcat_ap_vl'), catalogIri(baseUrl), dct('license')), [cc0]);
  assert.deepEqual(values(graph('dcat_ap'), catalogIri(baseUrl), dct('license')), []);
});

test('the catalogue lists every dataset and has its mandatory properties', () => {
  const store = graph();
  const catalogNode = catalogIri(baseUrl);
  assert.equal(values(store, catalogNode, dcat('dataset')).length, 3);
  assert.equal(values(store, catalogNode, dct('title')).length, 2);
  assert.equal(values(store, catalogNode, dct('description')).length, 2);
  assert.equal(one(store, catalogNode, dct('identifier')).value, 'opaal-wse');
  one(store, catalogNode, dcat('contactPoint'));
});

test('maps themes, access rights, frequency and languages to EU authority IRIs', () => {
  const store = graph();
  const dataset = datasetIri(baseUrl, jobSeekers.id);
  const eu = 'http://publications.europa.eu/resource/authority';
  assert.deepEqual(values(store, dataset, dcat('theme')), [`${eu}/data-theme/ECON`, `${eu}/data-theme/SOCI`]);
  assert.equal(one(store, dataset, dct('accessRights')).value, `${eu}/access-right/PUBLIC`);
  assert.equal(one(store, dataset, dct('accrualPeriodicity')).value, `${eu}/frequency/MONTHLY`);
  assert.deepEqual(values(store, dataset, dct('language')), [`${eu}/language/ENG`, `${eu}/language/NLD`]);
});

test('dates: a date stays xsd:date, a date-time becomes UTC xsd:dateTime, creation stands in for issued', () => {
  const store = graph();
  const xsd = 'http://www.w3.org/2001/XMLSchema#';
  const typed = (dataset: string, predicate: ReturnType<typeof namedNode>) => {
    const o = one(store, datasetIri(baseUrl, dataset), predicate);
    return [o.value, o.termType === 'Literal' ? o.datatype.value : null];
  };
  assert.deepEqual(typed(jobSeekers.id, dct('issued')), ['2019-05-02', `${xsd}date`]);
  assert.deepEqual(typed(socialEconomy.id, dct('issued')), ['2023-06-30T08:00:00Z', `${xsd}dateTime`]);
  assert.deepEqual(typed(minimal.id, dct('issued')), ['2024-03-01T09:00:00Z', `${xsd}dateTime`]);
  assert.deepEqual(typed(minimal.id, dct('modified')), ['2025-01-15T14:30:00Z', `${xsd}dateTime`]);
  const period = one(store, datasetIri(baseUrl, jobSeekers.id), dct('temporal'));
  assert.deepEqual(store.getObjects(period, dcat('startDate'), null).map((o) => o.value), ['2015-01-01']);
  assert.deepEqual(store.getObjects(period, dcat('endDate'), null).map((o) => o.value), ['2024-12-31']);
});

test('place names become labelled dct:Location nodes, not IRIs', () => {
  const store = graph();
  const location = one(store, datasetIri(baseUrl, jobSeekers.id), dct('spatial'));
  assert.equal(location.termType, 'BlankNode');
  const label = store.getObjects(location, namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), null);
  assert.deepEqual(label.map((l) => l.value), ['Vlaanderen']);
});

test('a landing page that is not an http(s) URL is left out', () => {
  const dataset = makeDataset('script', { title: { nl: 'x' }, landingPage: 'javascript:alert(1)' });
  const store = new Store(catalogGraph([dataset], { baseUrl, catalog, profile: 'dcat_ap_vl' }));
  assert.deepEqual(values(store, datasetIri(baseUrl, 'script'), dcat('landingPage')), []);
});
