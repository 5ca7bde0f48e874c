// The live catalog as DCAT-AP-VL: Turtle and RDF/XML from the server, valid against the SHACL shapes, public part only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { parseRdfXml, parseTurtle } from '../dcat/catalog-fixture.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer('sqlite', { PUBLISHER_NAME: 'Departement WSE', CONTACT_EMAIL: 'data@wse.example' });
  await importCities(s.portal);
  await s.portal.catalog.importDataset({ datasetId: 'geheim', path: fixture('json/lines.jsonl'), input: parseMetadataInput({ visibility: 'restricted' }), actor: 'test' });
});
after(() => s.close());

const shapes = await readFile(new URL('../fixtures/shacl/dcat-ap-vl.ttl', import.meta.url), 'utf8');

test('serves DCAT-AP-VL Turtle that conforms to the shapes and leaves restricted datasets out', async () => {
  const response = await s.get('/api/explore/v2.1/catalog/exports/dcat_ap_vl');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /^text\/turtle/);
  const turtle = await response.text();
  const report = await new SHACLValidator(new Store(parseTurtle(shapes))).validate(new Store(parseTurtle(turtle)));
  assert.equal(report.conforms, true, report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}`).join('\n'));
  assert.match(turtle, /\/datasets\/cities>/);
  assert.ok(!turtle.includes('/datasets/geheim'));
  assert.match(turtle, /Departement WSE/);
  assert.match(turtle, /mailto:data@wse\.example/);
});

test('serves the same graph as RDF/XML, by suffix, parameter or Accept header, and accepts the hyphenated name', async () => {
  const turtle = parseTurtle(await (await s.get('/api/explore/v2.1/catalog/exports/dcat_ap_vl')).text());
  for (const [path, headers] of [
    ['/api/explore/v2.1/catalog/exports/dcat_ap_vl.rdf', {}],
    ['/api/explore/v2.1/catalog/exports/dcat-ap-vl?format=rdfxml', {}],
    ['/api/explore/v2.1/catalog/exports/dcat_ap_vl', { accept: 'application/rdf+xml' }],
  ] as const) {
    const response = await s.get(path, { headers });
    assert.match(response.headers.get('content-type')!, /^application\/rdf\+xml/, path);
    assert.equal((await parseRdfXml(await response.text())).length, turtle.length, path);
  }
  const plain = await s.get('/api/explore/v2.1/catalog/exports/dcat');
  assert.equal(plain.status, 200);
});
