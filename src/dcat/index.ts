// The DCAT export: the catalogue as DCAT-AP / DCAT-AP-VL triples, and their Turtle and RDF/XML serialisations.
export { catalogGraph, catalogIri, datasetIri, groupBySubject } from './graph.ts';
export type { CatalogDescription, CatalogGraphOptions, DcatProfile } from './graph.ts';
export { serializeTurtle } from './turtle.ts';
export { serializeRdfXml } from './rdfxml.ts';
