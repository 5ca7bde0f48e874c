// The catalog as DCAT-AP or DCAT-AP-VL, in Turtle or RDF/XML, described from the portal's settings.
import type { Dataset } from '../catalog/types.ts';
import type { Config } from '../config.ts';
import { inEveryLanguage } from '../i18n/index.ts';
import { catalogGraph, serializeRdfXml, serializeTurtle, type CatalogDescription, type DcatProfile } from '../dcat/index.ts';

function catalogDescription(config: Config): CatalogDescription {
  return {
    title: inEveryLanguage((t) => t.catalog.dcatTitle(config.portalName)),
    description: inEveryLanguage((t) => t.catalog.dcatDescription(config.publisherName)),
    publisher: { name: config.publisherName, uri: config.publisherUri },
    contactEmail: config.contactEmail,
    identifier: config.baseUrl,
  };
}

export async function dcatDocument(datasets: Dataset[], profile: DcatProfile, rdfxml: boolean, config: Config) {
  const quads = catalogGraph(datasets, { baseUrl: config.baseUrl, catalog: catalogDescription(config), profile, language: config.defaultLanguage });
  return rdfxml
    ? { contentType: 'application/rdf+xml; charset=utf-8', body: serializeRdfXml(quads) }
    : { contentType: 'text/turtle; charset=utf-8', body: await serializeTurtle(quads) };
}
