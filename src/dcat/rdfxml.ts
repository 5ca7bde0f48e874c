// A small RDF/XML serialiser: one flat node element per subject, typed where the type has a QName (n3 writes no RDF/XML).
import type { Quad, Quad_Object, Quad_Subject } from 'n3';
import { groupBySubject } from './graph.ts';
import { prefixes } from './vocabulary.ts';

const rdfType = `${prefixes.rdf}type`;
const xsdString = `${prefixes.xsd}string`;
const rdfLangString = `${prefixes.rdf}langString`;
// ASCII NCNames are all our vocabularies need; anything else gets a generated namespace or is refused.
const ncName = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Characters XML 1.0 cannot carry are dropped; the rest escaped so text and attributes keep their exact value. */
function xmlEscape(value: string, inAttribute: boolean): string {
  const cleaned = value.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
  const escaped = cleaned.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  // Parsers normalise whitespace in attribute values, so tabs and newlines there travel as character references.
  return inAttribute ? escaped.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : escaped;
}

/** Maps IRIs to QNames, inventing `ns1`, `ns2` … for namespaces outside the known prefixes. */
class QNames {
  readonly namespaces = new Map<string, string>(Object.entries(prefixes).map(([prefix, iri]) => [iri, prefix]));
  private generated = 0;

  tryQName(iri: string): string | null {
    for (const [namespace, prefix] of this.namespaces) {
      if (iri.startsWith(namespace) && ncName.test(iri.slice(namespace.length))) return `${prefix}:${iri.slice(namespace.length)}`;
    }
    return null;
  }

  qName(iri: string): string {
    const known = this.tryQName(iri);
    if (known) return known;
    const split = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
    const local = iri.slice(split);
    if (split === 0 || !ncName.test(local)) throw new Error(`RDF/XML cannot write the predicate <${iri}>: it has no local name.`);
    const prefix = `ns${++this.generated}`;
    this.namespaces.set(iri.slice(0, split), prefix);
    return `${prefix}:${local}`;
  }
}

/** RDF/XML text for the quads (graph names are ignored: a catalogue is one graph). */
export function serializeRdfXml(quads: Quad[]): string {
  const qNames = new QNames();
  const blankIds = new Map<string, string>();
  const nodeId = (value: string) => {
    if (!blankIds.has(value)) blankIds.set(value, `b${blankIds.size}`);
    return blankIds.get(value)!;
  };
  const reference = (term: Quad_Subject | Quad_Object, attribute: 'about' | 'resource') =>
    term.termType === 'BlankNode'
      ? `rdf:nodeID="${nodeId(term.value)}"`
      : `rdf:${attribute}="${xmlEscape(term.value, true)}"`;

  const nodes: string[] = [];
  for (const own of groupBySubject(quads)) {
    const subject = own[0]!.subject;
    // The first type with a QName names the element; other types stay rdf:type properties.
    const typeQuad = own.find((q) => q.predicate.value === rdfType && q.object.termType === 'NamedNode' && qNames.tryQName(q.object.value));
    const element = typeQuad ? qNames.tryQName(typeQuad.object.value)! : 'rdf:Description';
    const lines = [`  <${element} ${reference(subject, 'about')}>`];
    for (const q of own) {
      if (q === typeQuad) continue;
      const property = qNames.qName(q.predicate.value);
      const object = q.object;
      if (object.termType === 'Literal') {
        const datatype = object.datatype.value;
        const attribute = object.language
          ? ` xml:lang="${xmlEscape(object.language, true)}"`
          : datatype !== xsdString && datatype !== rdfLangString ? ` rdf:datatype="${xmlEscape(datatype, true)}"` : '';
        lines.push(`    <${property}${attribute}>${xmlEscape(object.value, false)}</${property}>`);
      } else if (object.termType === 'NamedNode' || object.termType === 'BlankNode') {
        lines.push(`    <${property} ${reference(object, 'resource')}/>`);
      }
    }
    if (lines.length === 1) nodes.push(`${lines[0]!.slice(0, -1)}/>`);
    else nodes.push([...lines, `  </${element}>`].join('\n'));
  }

  // Namespaces are declared after the pass above, which may have generated some.
  const declarations = [...qNames.namespaces].map(([iri, prefix]) => `\n    xmlns:${prefix}="${xmlEscape(iri, true)}"`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${declarations}>\n${nodes.join('\n')}\n</rdf:RDF>\n`;
}
