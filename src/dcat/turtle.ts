// Turtle serialisation of DCAT quads through n3's writer, with the usual prefixes.
import { Writer } from 'n3';
import type { Quad } from 'n3';
import { groupBySubject } from './graph.ts';
import { prefixes } from './vocabulary.ts';

/** Turtle text; n3 escapes literals, and the graph builder already made every IRI safe. */
export function serializeTurtle(quads: Quad[]): Promise<string> {
  const writer = new Writer({ prefixes: { ...prefixes } });
  writer.addQuads(groupBySubject(quads).flat());
  return new Promise((resolve, reject) => {
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result)));
  });
}
