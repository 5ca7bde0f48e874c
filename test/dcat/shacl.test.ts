// The Turtle export conforms to our DCAT-AP-VL 3.0 SHACL shapes, and the shapes do catch a missing mandatory triple.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Store } from 'n3';
import type { Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { catalogGraph, datasetIri, serializeTurtle } from '../../src/dcat/index.ts';
import { baseUrl, catalog, jobSeekers, minimal, parseTurtle, socialEconomy } from './catalog-fixture.ts';

const shapesText = await readFile(new URL('../fixtures/shacl/dcat-ap-vl.ttl', import.meta.url), 'utf8');

async function validate(quads: Quad[]) {
  const validator = new SHACLValidator(new Store(parseTurtle(shapesText)));
  return validator.validate(new Store(quads));
}

function describe(report: Awaited<ReturnType<typeof validate>>): string {
  return report.results.map((r) => `${r.focusNode?.value} ${r.path?.value ?? ''}: ${r.message.map((m) => m.value).join('; ')}`).join('\n');
}

const vl = () => catalogGraph([jobSeekers, socialEconomy, minimal], { baseUrl, catalog, profile: 'dcat_ap_vl' });

test('the DCAT-AP-VL Turtle export of three datasets conforms to the shapes, the minimal one included', async () => {
  const turtle = await serializeTurtle(vl());
  const report = await validate(parseTurtle(turtle));
  assert.equal(report.conforms, true, describe(report));
});

test('the plain DCAT-AP profile conforms too', async () => {
  const quads = catalogGraph([jobSeekers, minimal], { baseUrl, catalog, profile: 'dcat_ap' });
  const report = await validate(parseTurtle(await serializeTurtle(quads)));
  assert.equal(report.conforms, true, describe(report));
});

test('an empty catalogue still conforms', async () => {
  const report = await validate(catalogGraph([], { baseUrl, catalog, profile: 'dcat_ap_vl' }));
  assert.equal(report.conforms, true, describe(report));
});

test('reports a dataset whose dct:publisher was removed', async () => {
  const dataset = datasetIri(baseUrl, minimal.id);
  const quads = vl().filter((q) => !(q.subject.value === dataset && q.predicate.value === 'http://purl.org/dc/terms/publisher'));
  const report = await validate(quads);
  assert.equal(report.conforms, false);
  assert.equal(report.results.length, 1, describe(report));
  assert.equal(report.results[0]!.focusNode?.value, dataset);
  assert.equal(report.results[0]!.path?.value, 'http://purl.org/dc/terms/publisher');
});

test('reports a distribution with a second accessURL and a contact point without e-mail or URL', async () => {
  const quads = vl();
  const distribution = quads.find((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#accessURL')!;
  const { DataFactory } = await import('n3');
  const extra = DataFactory.quad(distribution.subject, distribution.predicate, DataFactory.namedNode(`${baseUrl}/elsewhere`));
  const withoutEmail = quads.filter((q) => q.predicate.value !== 'http://www.w3.org/2006/vcard/ns#hasEmail');
  const report = await validate([...withoutEmail, extra]);
  assert.equal(report.conforms, false);
  const paths = report.results.map((r) => r.path?.value ?? r.sourceConstraintComponent?.value);
  assert.ok(paths.includes('http://www.w3.org/ns/dcat#accessURL'), describe(report));
  assert.ok(paths.some((p) => p?.endsWith('OrConstraintComponent')), describe(report));
});

test('every mandatory property of §4.1 is enforced: dropping it makes the export fail', async () => {
  const dct = 'http://purl.org/dc/terms/';
  const dcat = 'http://www.w3.org/ns/dcat#';
  const catalogNode = `${baseUrl}/api/explore/v2.1/catalog/exports/dcat#catalog`;
  const dataset = datasetIri(baseUrl, jobSeekers.id);
  const distribution = `${dataset}#distribution-csv`;
  const agent = catalog.publisher.uri!;
  const cases: [string, string][] = [
    ...['title', 'description', 'publisher', 'identifier'].map((p): [string, string] => [catalogNode, dct + p]),
    [catalogNode, `${dcat}contactPoint`],
    ...['title', 'description', 'identifier', 'accessRights', 'publisher'].map((p): [string, string] => [dataset, dct + p]),
    [dataset, `${dcat}contactPoint`],
    [distribution, `${dcat}accessURL`],
    [distribution, `${dct}identifier`],
    [agent, 'http://xmlns.com/foaf/0.1/name'],
  ];
  for (const [subject, predicate] of cases) {
    const quads = vl().filter((q) => !(q.subject.value === subject && q.predicate.value === predicate));
    const report = await validate(quads);
    assert.equal(report.conforms, false, `without ${predicate} on ${subject}`);
    assert.ok(report.results.some((r) => r.focusNode?.value === subject && r.path?.value === predicate), describe(report));
  }
});
