// Turtle and RDF/XML carry the same graph, and hostile metadata stays inside its literals in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogGraph, serializeRdfXml, serializeTurtle } from '../../src/dcat/index.ts';
import { baseUrl, catalog, jobSeekers, makeDataset, minimal, parseRdfXml, parseTurtle, shape, socialEconomy } from './catalog-fixture.ts';

const hostileText = 'Quote " and \'single\' <b>bold</b> & &amp; ]]>\nline two\r\nline """three""" \\ back\\slash\ttab \u0000\u0008 \uD800 😀 é';
// What survives: characters XML 1.0 cannot carry (NUL, backspace, a lone surrogate) are dropped from both serialisations.
const hostileKept = hostileText.replace(/[\u0000\u0008\uD800]/g, '').trim();

const hostile = makeDataset('vijandig', {
  title: { nl: hostileText, en: '"""' },
  description: { nl: `${hostileText} <!-- -->` },
  keyword: { nl: [hostileText, '</dcat:keyword><dcat:theme rdf:resource="http://evil.test/"/>'] },
  publisher: { name: `Uitgever ${hostileText}`, uri: 'https://example.be/org"><x a="b' },
  contactPoint: { name: hostileText, email: 'a"<b>@example.be', url: null },
  license: { title: hostileText, url: 'https://example.be/licence?a=1&b=<2>' },
  spatial: [hostileText],
  landingPage: 'https://example.be/page with space/{x}|^`"\'',
  language: ['nl', '"> x'],
});

const graphs = () => catalogGraph([jobSeekers, socialEconomy, minimal, hostile], { baseUrl, catalog, profile: 'dcat_ap_vl' });

test('Turtle parses back into exactly the graph that was built', async () => {
  const quads = graphs();
  const parsed = parseTurtle(await serializeTurtle(quads));
  assert.deepEqual(shape(parsed), shape(quads));
});

test('RDF/XML parses back into exactly the same quads as the Turtle', async () => {
  const quads = graphs();
  const fromXml = await parseRdfXml(serializeRdfXml(quads));
  assert.equal(fromXml.length, quads.length);
  assert.deepEqual(shape(fromXml), shape(quads));
  assert.deepEqual(shape(fromXml), shape(parseTurtle(await serializeTurtle(quads))));
});

test('a title with quotes, <, &, newlines and """ stays one literal in both serialisations', async () => {
  const quads = graphs();
  for (const parsed of [parseTurtle(await serializeTurtle(quads)), await parseRdfXml(serializeRdfXml(quads))]) {
    const titles = parsed.filter((q) => q.subject.value === `${baseUrl}/datasets/vijandig` && q.predicate.value === 'http://purl.org/dc/terms/title');
    assert.deepEqual(titles.map((q) => [q.object.value, q.object.termType === 'Literal' ? q.object.language : null]).sort(), [
      ['"""', 'en'],
      [hostileKept, 'nl'],
    ]);
    const keywords = parsed.filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#keyword' && q.subject.value.endsWith('/vijandig'));
    assert.equal(keywords.length, 2);
    assert.ok(!parsed.some((q) => q.object.value === 'http://evil.test/'), 'markup in a keyword must not become a triple');
  }
});

test('IRIs from metadata are percent-encoded, never left to break out of <…> or an attribute', async () => {
  const quads = graphs();
  const iris = quads.flatMap((q) => [q.subject, q.object]).filter((t) => t.termType === 'NamedNode').map((t) => t.value);
  for (const iri of iris) assert.doesNotMatch(iri, /[\s<>"{}|\\^`]/, iri);
  assert.ok(iris.includes('mailto:a%22%3Cb%3E@example.be'));
  assert.ok(iris.includes('https://example.be/org%22%3E%3Cx%20a=%22b'));
  // The unknown language code is dropped rather than turned into an IRI.
  const languages = quads.filter((q) => q.subject.value.endsWith('/vijandig') && q.predicate.value === 'http://purl.org/dc/terms/language');
  assert.deepEqual(languages.map((q) => q.object.value), ['http://publications.europa.eu/resource/authority/language/NLD']);
  assert.ok((await parseRdfXml(serializeRdfXml(quads))).length > 0);
});

test('RDF/XML writes one typed node element per subject with the DCAT classes as element names', () => {
  const xml = serializeRdfXml(catalogGraph([jobSeekers, minimal], { baseUrl, catalog, profile: 'dcat_ap_vl' }));
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<rdf:RDF/);
  assert.equal(xml.match(/<dcat:Catalog /g)?.length, 1);
  assert.equal(xml.match(/<dcat:Dataset /g)?.length, 2);
  assert.equal(xml.match(/<dcat:Distribution /g)?.length, 5);
});

test('the same catalogue always serialises to the same bytes', async () => {
  assert.equal(await serializeTurtle(graphs()), await serializeTurtle(graphs()));
  assert.equal(serializeRdfXml(graphs()), serializeRdfXml(graphs()));
});
