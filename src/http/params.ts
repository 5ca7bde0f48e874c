// Reading a query string or a form body, with one rule for a parameter given more than once.
//
// The rule: `one` takes the FIRST value, as URLSearchParams.get does and as a browser sends a form's fields in
// document order (so a page's own input wins over a hidden copy after it); `many` takes every value, in order.
// Missing is '' for `one` and [] for `many`; empty values are dropped from `many`. Numbers and booleans (a JSON
// body) read as their text; objects are not a parameter and read as missing. The Explore API keeps its own
// readers (src/explore/params.ts): Opendatasoft's rules are its contract.

/** A parsed query string or body, as Fastify hands it over: anything, since a body is the client's to shape. */
type Params = unknown;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

const valuesOf = (params: Params, name: string): unknown[] => {
  if (typeof params !== 'object' || params === null) return [];
  const v = (params as Record<string, unknown>)[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
};

/** The parameter's first value, or '' when it is missing. */
export function one(params: Params, name: string): string {
  for (const v of valuesOf(params, name)) {
    const t = text(v);
    if (t !== undefined) return t;
  }
  return '';
}

/** Every non-empty value of the parameter, in the order given. */
export function many(params: Params, name: string): string[] {
  return valuesOf(params, name).map(text).filter((t): t is string => t !== undefined && t !== '');
}
