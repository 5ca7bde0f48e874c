// Records as RDF: Turtle/N3, JSON-LD and RDF/XML, each record a node whose fields are properties of the dataset's vocabulary.
import type { OutputColumn } from '../odsql/query.ts';
import { xmlText } from './geo-formats.ts';

const xsd = 'http://www.w3.org/2001/XMLSchema#';

/** `<base>/datasets/<id>/fields#<name>`: one property per field, so the meaning stays with the portal. */
function vocabulary(baseUrl: string, datasetId: string): string {
  return `${baseUrl}/datasets/${encodeURIComponent(datasetId)}/fields#`;
}

/** Turtle string escapes are JSON's, bar the solidus. */
const turtleString = (s: string) => JSON.stringify(s);
const localName = (key: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : null);

function turtleValues(value: unknown, type: OutputColumn['type']): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => turtleValues(v, 'text'));
  switch (type) {
    case 'int':
      return [`${turtleString(String(value))}^^xsd:integer`];
    case 'double':
    case 'number':
      return [`${turtleString(String(value))}^^xsd:double`];
    case 'boolean':
      return [String(value)];
    case 'date':
      return [`${turtleString(String(value))}^^xsd:date`];
    case 'datetime':
      return [`${turtleString(String(value))}^^xsd:dateTime`];
    case 'geo_point_2d': {
      const p = value as { lat: number; lon: number };
      return [`${turtleString(`POINT(${p.lon} ${p.lat})`)}^^geo:wktLiteral`];
    }
    default:
      return [turtleString(typeof value === 'object' ? JSON.stringify(value) : String(value))];
  }
}

export function turtleHead(baseUrl: string, datasetId: string): string {
  return `@prefix f: <${vocabulary(baseUrl, datasetId)}> .\n@prefix xsd: <${xsd}> .\n@prefix geo: <http://www.opengis.net/ont/geosparql#> .\n\n`;
}

/** One record (a JSON line from the engine) as a Turtle block about a blank node. */
export function turtleRecord(columns: OutputColumn[]): (line: string) => string {
  return (line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    const statements = columns.flatMap((c) => {
      const name = localName(c.key);
      return name ? turtleValues(record[c.key], c.type).map((v) => `f:${name} ${v}`) : [];
    });
    return statements.length === 0 ? '' : `[] ${statements.join(' ;\n   ')} .`;
  };
}

export function jsonLdHead(baseUrl: string, datasetId: string, columns: OutputColumn[]): string {
  const types: Partial<Record<OutputColumn['type'], string>> = { int: 'xsd:integer', double: 'xsd:double', date: 'xsd:date', datetime: 'xsd:dateTime' };
  const context: Record<string, unknown> = { '@vocab': vocabulary(baseUrl, datasetId), xsd };
  for (const c of columns) if (types[c.type]) context[c.key] = { '@type': types[c.type] };
  return `{"@context":${JSON.stringify(context)},"@graph":[`;
}

export function rdfXmlHead(baseUrl: string, datasetId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:f="${xmlText(vocabulary(baseUrl, datasetId))}">\n`;
}

export function rdfXmlRecord(columns: OutputColumn[]): (line: string) => string {
  const datatype: Partial<Record<OutputColumn['type'], string>> = { int: 'integer', double: 'double', number: 'double', boolean: 'boolean', date: 'date', datetime: 'dateTime' };
  return (line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    const properties = columns.flatMap((c) => {
      const name = localName(c.key);
      const value = record[c.key];
      if (!name || value === null || value === undefined) return [];
      const values = Array.isArray(value) ? value : [value];
      const type = datatype[c.type];
      return values.map((v) => {
        const text = c.type === 'geo_point_2d' ? `POINT(${(v as { lon: number }).lon} ${(v as { lat: number }).lat})` : typeof v === 'object' ? JSON.stringify(v) : String(v);
        return `<f:${name}${type ? ` rdf:datatype="${xsd}${type}"` : ''}>${xmlText(text)}</f:${name}>`;
      });
    });
    return `<rdf:Description>${properties.join('')}</rdf:Description>`;
  };
}
